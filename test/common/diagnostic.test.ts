import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, formatDiagnostic } from '../../src/common/diagnostic';

test('LineIndex maps offsets to 0-based line and column', () => {
  const idx = new LineIndex('ab\ncd\n\nef');
  assert.deepEqual(idx.positionAt(0), { line: 0, column: 0, offset: 0 });
  assert.deepEqual(idx.positionAt(4), { line: 1, column: 1, offset: 4 });
  assert.deepEqual(idx.positionAt(6), { line: 2, column: 0, offset: 6 });
  assert.deepEqual(idx.positionAt(9), { line: 3, column: 2, offset: 9 });
  assert.equal(idx.offsetAt(3, 1), 8);
});

test('formatDiagnostic prints 1-based positions', () => {
  const idx = new LineIndex('x\nyz');
  const line = formatDiagnostic('a.abc', { severity: 'error', message: 'bad', range: idx.rangeOf(3, 4) });
  assert.equal(line, 'a.abc:2:2: error: bad');
});
