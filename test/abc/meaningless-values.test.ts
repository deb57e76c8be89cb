// Issue 13, row 11: a zero-length unit or meter, and absurd note lengths, are errors at the value, with a message
// that says what is wrong; values that abcjs reads and that mean something stay accepted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAbc } from '../../src/abc/check';

/** Errors as `line:column-line:column message`, 1-based. */
function errors(text: string): string[] {
  return checkAbc(text)
    .filter((d) => d.severity === 'error')
    .map((d) => `${d.range.start.line + 1}:${d.range.start.column + 1}-${d.range.end.line + 1}:${d.range.end.column + 1} ${d.message}`);
}

test('a unit length or meter of zero, or dividing by zero, is an error at its value', () => {
  assert.deepEqual(errors('X:1\nL:1/0\nK:C\nCDEF|\n'), ["2:3-2:6 unit length '1/0' has a zero denominator"]);
  assert.deepEqual(errors('X:1\nL: 0/8 % none\nK:C\nCDEF|\n'), ["2:4-2:7 unit length '0/8' is zero: its notes would last nothing"]);
  assert.deepEqual(errors('X:1\nM:0/4\nK:C\nCDEF|\n'), ["2:3-2:6 meter '0/4' has no beats: a bar of it lasts nothing"]);
  assert.deepEqual(errors('X:1\nM:4/0\nK:C\nCDEF|\n'), ["2:3-2:6 meter '4/0' has a zero denominator"]);
  assert.deepEqual(errors('X:1\nM:4/4\nK:C\nCD [L:1/0]EF|\nM:0/4\nCDEF|\n'), [
    "4:4-4:11 unit length '1/0' has a zero denominator",
    "5:1-5:6 meter '0/4' has no beats: a bar of it lasts nothing",
  ]);
});

test('note lengths of zero or out of all proportion are errors at the length', () => {
  assert.deepEqual(errors('X:1\nL:1/8\nK:C\nC999999999/3 C0 D/0 E4097 F/4097|\n'), [
    "4:2-4:13 note length '999999999/3' is out of range (from 1/4096 to 4096 units)",
    "4:15-4:16 note length '0' is zero",
    "4:18-4:20 note length '/0' has a zero denominator",
    "4:22-4:26 note length '4097' is out of range (from 1/4096 to 4096 units)",
    "4:28-4:33 note length '/4097' is out of range (from 1/4096 to 4096 units)",
  ]);
});

test('unreadable values say what is expected', () => {
  assert.deepEqual(errors('X:1\nM:three\nL:eighth\nK:C\nC|\n'), [
    "2:3-2:8 unreadable meter 'three' (expected e.g. 6/8, 2+3/8, C, C| or none)",
    "3:3-3:9 unreadable unit length 'eighth' (expected e.g. 1/8)",
  ]);
});

test('long, short and odd values that mean something are read', () => {
  assert.deepEqual(errors('X:1\nM:64/64\nL:1/512\nK:C\nC64 C4096 C/4096|\n'), []);
  assert.deepEqual(errors('X:1\nM:(2+2+3)/8\nL:3/8\nK:C\nC2 C//|\n'), []);
  assert.deepEqual(errors('X:1\nM:C|\nL:1\nK:C\nC C|\n'), []);
});
