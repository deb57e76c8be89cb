import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseAbc } from '../../src/abc/parse';
import type { AbcElement } from '../../src/abc/types';

const kinds = (els: AbcElement[]) => els.map((e) => e.kind);
const texts = (text: string, els: AbcElement[]) => els.map((e) => text.slice(e.start, e.end));

test('headers, defaults and the body split into elements', () => {
  const text = 'X:3\nT:Tune\nC:Trad\nM:6/8\nK:Ador\n"Am"^c\'2=F,/2 z3/2|]\n';
  const { tunes, diagnostics } = parseAbc(text);
  assert.deepEqual(diagnostics, []);
  const t = tunes[0];
  assert.equal(t.reference, 3);
  assert.equal(t.title, 'Tune');
  assert.equal(t.unitLength.toString(), '1/8');
  assert.equal(t.unitLengthGiven, false);
  assert.equal(t.meter.barLength.toString(), '3/4');
  assert.equal(t.key.tonic, 'A');
  assert.equal(t.key.mode, 'dorian');
  assert.deepEqual(t.headers.map((h) => h.name), ['X', 'T', 'C', 'M', 'K']);
  assert.deepEqual(texts(text, t.elements), ['"Am"', "^c'2", '=F,/2', ' ', 'z3/2', '|]']);
  const [, n1, n2] = t.elements;
  assert.ok(n1.kind === 'note' && n1.note.accidental === 1 && n1.note.octave === 6 && n1.note.length.toString() === '2');
  assert.ok(n2.kind === 'note' && n2.note.accidental === 0 && n2.note.octave === 3 && n2.note.length.toString() === '1/2');
});

test('default unit length is 1/16 for meters below 3/4', () => {
  assert.equal(parseAbc('X:1\nM:2/4\nK:C\nC').tunes[0].unitLength.toString(), '1/16');
  assert.equal(parseAbc('X:1\nM:3/4\nK:C\nC').tunes[0].unitLength.toString(), '1/8');
});

test('lengths, rests, bars, repeats, endings', () => {
  const text = 'X:1\nK:C\n|:A/ B// c3/ d/4 x2 Z4|1 e:|2 f|| [|g::a:|[1b|]\n';
  const t = parseAbc(text).tunes[0];
  const lengths = t.elements.filter((e) => e.kind === 'note').map((e) => (e.kind === 'note' ? e.note.length.toString() : ''));
  assert.deepEqual(lengths, ['1/2', '1/4', '3/2', '1/4', '1', '1', '1', '1', '1']);
  const bars = t.elements.filter((e) => e.kind === 'bar' || e.kind === 'ending');
  assert.deepEqual(texts(text, bars), ['|:', '|1', ':|2', '||', '[|', '::', ':|', '[1', '|]']);
  const rep = bars[1];
  assert.ok(rep.kind === 'bar' && rep.ending === '1');
  assert.ok(bars[5].kind === 'bar' && bars[5].repeatStart && bars[5].repeatEnd);
  const z = t.elements.find((e) => e.kind === 'rest' && e.multiMeasure);
  assert.ok(z && z.kind === 'rest' && z.multiMeasure === 4);
});

test('ties, slurs, broken rhythm, tuplets, graces, decorations, chords, annotations, inline fields', () => {
  const text = 'X:1\nM:6/8\nK:G\n(A-A) B>>c (3:2:3def (5abcde {/g}a {AB}c H!fermata!~.T[CEG]2 "^hi"[K:D] [M:3/4]y\\\n';
  const t = parseAbc(text).tunes[0];
  assert.deepEqual(parseAbc(text).diagnostics, []);
  const got = t.elements.filter((e) => e.kind !== 'note' && e.kind !== 'space').map((e) => `${e.kind}:${text.slice(e.start, e.end)}`);
  assert.deepEqual(got, [
    'slur-open:(', 'tie:-', 'slur-close:)', 'broken:>>', 'tuplet:(3:2:3', 'tuplet:(5', 'grace-open:{/', 'grace-close:}',
    'grace-open:{', 'grace-close:}', 'decoration:H', 'decoration:!fermata!', 'decoration:~', 'decoration:.', 'decoration:T',
    'chord:[CEG]2', 'annotation:"^hi"', 'field:[K:D]', 'field:[M:3/4]', 'spacer:y', 'continuation:\\',
  ]);
  const five = t.elements.find((e) => e.kind === 'tuplet' && e.p === 5);
  assert.ok(five && five.kind === 'tuplet' && five.q === 3 && five.r === 5, 'compound meter: (5 means 5 in the time of 3');
  const graces = t.elements.filter((e) => e.kind === 'note' && e.grace);
  assert.equal(graces.length, 3);
});

test('voices in header and body, lyrics and comments', () => {
  const text = 'X:1\nM:4/4\nL:1/4\nV:S clef=treble\nV:B clef=bass\nK:C\n%%score S B\nV:S\nc d e f|\nw: la la la la\nV:B\nC, D, E, F,| % bass\n[V:S] g4|\n';
  const { tunes, diagnostics } = parseAbc(text);
  assert.deepEqual(diagnostics, []);
  const t = tunes[0];
  assert.deepEqual(t.voices.map((v) => [v.id, v.clef]), [['S', 'treble'], ['B', 'bass']]);
  const voiceOf = (s: string) => t.elements.find((e) => text.slice(e.start, e.end) === s)?.voice;
  assert.equal(voiceOf('c'), 'S');
  assert.equal(voiceOf('C,'), 'B');
  assert.equal(voiceOf('g4'), 'S');
  assert.ok(t.elements.some((e) => e.kind === 'field' && e.name === 'w'));
  assert.ok(t.elements.some((e) => e.kind === 'comment'));
});

test('several tunes, free text between them, and a body that is exactly the elements', () => {
  const text = '%abc-2.1\nfree text\n\nX:1\nT:One\nK:D\nABc|\ndef|\n\n\nX:2\nT:Two\nK:Em\nE2|\n';
  const { tunes, diagnostics } = parseAbc(text);
  assert.deepEqual(diagnostics, []);
  assert.deepEqual(tunes.map((t) => t.title), ['One', 'Two']);
  for (const t of tunes) assert.equal(t.elements.map((e) => text.slice(e.start, e.end)).join(''), text.slice(t.bodyStart, t.end));
  assert.equal(text.slice(tunes[0].bodyStart, tunes[0].end), 'ABc|\ndef|');
});

test('a document without X: is read as one tune (editor fragments)', () => {
  const { tunes } = parseAbc('M:3/4\nK:F\nABc|');
  assert.equal(tunes.length, 1);
  assert.equal(tunes[0].key.tonic, 'F');
});

test('errors carry exact ranges and never throw', () => {
  const text = 'X:1\nM:4/4\nK:C\nAB "Am c|d ?e!trill f|\n';
  const { diagnostics } = parseAbc(text);
  const found = diagnostics.map((d) => [d.severity, d.range.start.line, d.range.start.column, d.range.end.column]);
  assert.deepEqual(found, [['error', 3, 3, 22]]); // an unclosed quote runs to the end of the line
  const second = parseAbc('X:1\nK:C\nd ?e!trill f|\n').diagnostics;
  assert.deepEqual(second.map((d) => [d.code, d.range.start.line, d.range.start.column, d.range.end.column]), [
    ['abc.syntax', 2, 2, 3],
    ['abc.unterminated', 2, 4, 10],
  ]);
});

test('header problems: bad meter, bad unit length, unknown key, missing K:', () => {
  const { diagnostics } = parseAbc('X:1\nM:7/0\nL:x\nK:Q\nA|\n\nX:2\nT:No key\n');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column]), [
    ['abc.meter', 1, 2],
    ['abc.unit-length', 2, 2],
    ['abc.key', 3, 2],
    ['abc.missing-key', 6, 0],
  ]);
});
