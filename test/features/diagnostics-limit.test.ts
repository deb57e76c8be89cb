// The editor gets at most VS Code's 1,000 problems per file, errors first, and a line saying how many more.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, MAX_EDITOR_DIAGNOSTICS } from '../../src/features/diagnostics/check';
import { notationOf } from '../../src/notation';

const HEAD = 'X:1\nT:bad\nM:4/4\nL:1/8\nK:D\n';

test('a tune with 3,000 problems: 999 listed, every error before any warning, in document order, and the count of the rest', () => {
  // Every fifth line an unterminated chord symbol (an error), the others an unclosed chord (a warning).
  const text = HEAD + Array.from({ length: 3000 }, (_, i) => (i % 5 === 4 ? 'DEFG AB"c|' : '[DEF ABcd|')).join('\n') + '\n';
  const all = notationOf('abc').check(text);
  assert.ok(all.length >= 3000, `${all.length} problems`);
  const errors = all.filter((d) => d.severity === 'error');
  assert.equal(errors.length, 600);
  const listed = checkDocument('abc', text);
  assert.equal(listed.length, MAX_EDITOR_DIAGNOSTICS);
  const kept = listed.slice(0, -1);
  const rank = { error: 0, warning: 1, info: 2 };
  for (let i = 1; i < kept.length; i++) {
    const [a, b] = [kept[i - 1], kept[i]];
    assert.ok(rank[a.severity] < rank[b.severity] || (a.severity === b.severity && a.range.start.offset <= b.range.start.offset), `problem ${i} out of order`);
  }
  assert.deepEqual(kept.slice(0, errors.length), errors, 'every error listed');
  assert.deepEqual(kept.slice(errors.length), all.filter((d) => d.severity === 'warning').slice(0, MAX_EDITOR_DIAGNOSTICS - 1 - errors.length), 'then the first warnings');
  const more = listed[listed.length - 1];
  assert.equal(more.code, 'bachbot.more-problems');
  assert.equal(more.severity, 'info');
  assert.match(more.message, new RegExp(`^${(all.length - kept.length).toLocaleString('en-US')} more problems are not listed \\(${all.length.toLocaleString('en-US')} in all`));
});

test('under the limit every problem is listed as the checker found it', () => {
  const text = HEAD + Array.from({ length: 50 }, () => 'DEFG AB"c|').join('\n') + '\n';
  assert.deepEqual(checkDocument('abc', text), notationOf('abc').check(text));
});
