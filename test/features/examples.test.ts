import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkDocument } from '../../src/features/diagnostics/check';

const dir = join(__dirname, '..', '..', 'examples');

test('the example documents have no errors or warnings', () => {
  const files = readdirSync(dir).filter((f) => f.endsWith('.abc') || f.endsWith('.satb'));
  assert.ok(files.length >= 4);
  for (const f of files) {
    const language = f.endsWith('.abc') ? 'abc' : 'satb';
    const found = checkDocument(language, readFileSync(join(dir, f), 'utf8'));
    assert.deepEqual(found.map((d) => `${f}:${d.range.start.line + 1}: ${d.message}`), []);
  }
});

test('the chorale with slots has slots, and the melody has fermatas to phrase by', () => {
  assert.match(readFileSync(join(dir, 'chorale-slots.satb'), 'utf8'), /\(\?\)/);
  assert.match(readFileSync(join(dir, 'melody.abc'), 'utf8'), /\bH[A-G]/);
});
