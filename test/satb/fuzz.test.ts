import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex, type SourceRange } from '../../src/common/diagnostic';
import { checkSatb, choraleToAbc, parseSatb } from '../../src/satb';
import { Prng } from '../../src/model/decoding/prng';
import { bachChorales } from './helpers';

const ALPHABET = '()(),,|||..??  \n\n0123456789TrueFalse%rSTARTEND-\t\r';

function mutate(text: string, rnd: () => number): string {
  const pick = (n: number) => Math.floor(rnd() * n);
  const steps = 1 + pick(4);
  for (let s = 0; s < steps; s++) {
    const at = pick(text.length + 1);
    const tokens = [...text.matchAll(/\S+/g)];
    switch (pick(6)) {
      case 0: // delete characters
        text = text.slice(0, at) + text.slice(at + 1 + pick(3));
        break;
      case 1: // insert a character
        text = text.slice(0, at) + ALPHABET[pick(ALPHABET.length)] + text.slice(at);
        break;
      case 2: // duplicate characters
        text = text.slice(0, at) + text.slice(at, at + 1 + pick(6)) + text.slice(at);
        break;
      case 3:
      case 4:
      case 5: {
        if (tokens.length === 0) break;
        const t = tokens[pick(tokens.length)];
        const start = t.index!;
        const end = start + t[0].length;
        if (s % 3 === 0) text = text.slice(0, start) + text.slice(end); // delete a token
        else if (s % 3 === 1) text = text.slice(0, end) + ' ' + t[0] + text.slice(end); // duplicate it
        else text = text.slice(0, at) + ` ${t[0]} ` + text.slice(at); // copy it elsewhere
      }
    }
  }
  return text;
}

function assertValidRange(text: string, index: LineIndex, r: SourceRange, what: string): void {
  assert.ok(r.start.offset >= 0 && r.start.offset <= r.end.offset && r.end.offset <= text.length, what);
  assert.deepEqual(index.positionAt(r.start.offset), r.start, what);
  assert.deepEqual(index.positionAt(r.end.offset), r.end, what);
}

test('10,000 mutated chorales: nothing throws and every range lies inside the text', () => {
  const chorales = bachChorales();
  const prng = new Prng(0x5a7b);
  const rnd = () => prng.next();
  let withErrors = 0;
  for (let i = 0; i < 10_000; i++) {
    const source = chorales[Math.floor(rnd() * chorales.length)].text;
    const lines = source.split('\n');
    // A window of the piece keeps each case small: sometimes with its header, sometimes from the middle.
    const from = rnd() < 0.5 ? 0 : Math.floor(rnd() * lines.length);
    const window = lines.slice(from, from + 4 + Math.floor(rnd() * 20)).join('\n') + (rnd() < 0.5 ? '\nEND\n' : '');
    const text = mutate(window, rnd);
    const what = `case ${i}: ${JSON.stringify(text)}`;
    const parsed = parseSatb(text);
    const diagnostics = i % 4 === 0 ? checkSatb(text) : parsed.diagnostics;
    const index = new LineIndex(text);
    if (diagnostics.some((d) => d.severity === 'error')) withErrors++;
    for (const d of diagnostics) assertValidRange(text, index, d.range, `${what} ${d.message}`);
    for (const t of parsed.tokens) assertValidRange(text, index, t.range, what);
    for (const f of parsed.chorale.frames) {
      assert.equal(f.voices.length, 4, what);
      if (f.range) assertValidRange(text, index, f.range, what);
    }
    if (i % 10 === 0) choraleToAbc(parsed.chorale);
  }
  // The mutations must actually break things for the test to mean anything.
  assert.ok(withErrors > 5000, `only ${withErrors} of 10,000 cases had errors`);
});
