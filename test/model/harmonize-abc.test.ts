import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAbc } from '../../src/abc';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { harmonizeAlternatives, harmonizeText } from '../../src/model';
import { fakeModel, satbTestVocab } from './helpers/fake-model';

const DOC = `% a file with two tunes
X:1
T:First
M:3/4
L:1/4
K:D
A | d2 e | f2 Hd | e3 |]

X:2
T:Second
M:4/4
L:1/8
K:G
G2 AB c2 d2 | e4 d4 |]
`;

function sopranoOf(text: string, tuneIndex: number, voice?: string) {
  const tune = parseAbc(text).tunes[tuneIndex];
  return abcVoiceToFrames(tune, voice).frames.map((f) => [f.fermata, f.voices[0]]);
}

test('an ABC melody gets alto, tenor and bass; the melody, its fermatas and the other tunes are kept', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const out = await harmonizeText(model, DOC, 'abc', undefined, { beamWidth: 3 });
  assert.ok(out.startsWith('% a file with two tunes\nX:1\nT:First\n'));
  assert.ok(out.endsWith(DOC.slice(DOC.indexOf('\n\nX:2'))), 'the second tune is untouched');
  const tune = parseAbc(out).tunes[0];
  assert.deepEqual(tune.voices.map((v) => v.id), ['S', 'A', 'T', 'B']);
  assert.deepEqual(sopranoOf(out, 0, 'S'), sopranoOf(DOC, 0));
  for (const v of ['A', 'T', 'B']) {
    const frames = abcVoiceToFrames(tune, v).frames;
    assert.equal(frames.length, sopranoOf(DOC, 0).length, `voice ${v} fills the whole melody`);
  }
  assert.deepEqual(parseAbc(out).diagnostics.filter((d) => d.severity === 'error'), []);
});

test('the selection chooses the tune to harmonize', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const at = DOC.indexOf('G2 AB');
  const alternatives = await harmonizeAlternatives(model, DOC, 'abc', { start: at, end: at + 4 }, { beamWidth: 4, alternatives: 2 });
  assert.equal(alternatives.length, 2);
  assert.ok(alternatives[0].logprob >= alternatives[1].logprob);
  for (const alt of alternatives) {
    assert.ok(alt.text.startsWith(DOC.slice(0, DOC.indexOf('X:2'))), 'the first tune is untouched');
    assert.deepEqual(sopranoOf(alt.text, 1, 'S'), sopranoOf(DOC, 1));
  }
});

test('a document without a tune is reported plainly', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  await assert.rejects(harmonizeText(model, '% nothing here\n', 'abc', undefined, {}), /the document has no tune/);
});

test('header lines the four-voice writer does not produce are kept as written', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const doc = 'X:7\nT:Kept\nC:Trad.\nQ:1/4=90\n%%MIDI program 1\nM:4/4\nL:1/4\nK:F\nF G A B | Hc4 |]\n';
  const out = await harmonizeText(model, doc, 'abc', undefined, { beamWidth: 2 });
  assert.ok(out.startsWith('X:7\nT:Kept\nC:Trad.\nQ:1/4=90\n%%MIDI program 1\nM:4/4\n'), out.slice(0, 120));
  assert.deepEqual(parseAbc(out).tunes[0].voices.map((v) => v.id), ['S', 'A', 'T', 'B']);
});

test("the melody's chord symbols and annotations stay over its notes in V:S, a symbol inside a held note included", async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const tune = `X:5\nT:Chords\nM:4/4\nL:1/8\nK:G\n"G"G2 AB "^lively"c2 "Am/C"d2- | "D7"d4 "G"G4 |]\n`;
  const out = await harmonizeText(model, tune, 'abc', undefined, { beamWidth: 2 });
  const parsed = parseAbc(out);
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
  const symbols = (voice: string) =>
    parsed.tunes[0].elements.filter((e) => e.voice === voice && (e.kind === 'chord-symbol' || e.kind === 'annotation')).map((e) => out.slice(e.start, e.end));
  assert.deepEqual(symbols('S'), ['"G"', '"^lively"', '"Am/C"', '"D7"', '"G"']);
  for (const v of ['A', 'T', 'B']) assert.deepEqual(symbols(v), []);
  assert.deepEqual(sopranoOf(out, 0, 'S'), sopranoOf(tune, 0), 'the tied d keeps sounding through "D7"');
  const frames = abcVoiceToFrames(parsed.tunes[0], 'S');
  assert.deepEqual(frames.chordSymbols.map((c) => c.frame), [0, 8, 12, 16, 24]);
});

const bars = (text: string, voice: string) =>
  parseAbc(text).tunes[0].elements.filter((e) => e.voice === voice && (e.kind === 'bar' || e.kind === 'ending')).map((e) => text.slice(e.start, e.end).trim());
const musicLines = (text: string, voice: string) => {
  const lines = text.split('\n');
  const from = lines.indexOf(`V:${voice}`) + 1;
  const to = lines.findIndex((l, i) => i >= from && /^V:/.test(l));
  return lines.slice(from, to < 0 ? undefined : to).filter((l) => l.trim() !== '' && !/^[a-zA-Z]:/.test(l));
};

test("a one-voice tune keeps its body as written in V:S; the other voices follow its repeats, endings and lines", async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const body = '|:"G"G>A ~B2 d2 B2|(c2 e2) d2 c2|\nw:one two three four five\nB2 G2 A2 F2|1 G4 G4:|2 G8|]';
  const tune = `X:9\nT:Repeats\nM:4/4\nL:1/8\nK:G\n${body}\n`;
  const out = await harmonizeText(model, tune, 'abc', undefined, { beamWidth: 2 });
  assert.ok(out.includes(`\nV:S\n${body}\nV:A\n`), out);
  assert.deepEqual(parseAbc(out).diagnostics.filter((d) => d.severity === 'error'), []);
  const melodyBars = bars(tune, '');
  for (const v of ['A', 'T', 'B']) {
    assert.deepEqual(bars(out, v), melodyBars, `voice ${v} bar lines`);
    assert.equal(musicLines(out, v).length, 2, `voice ${v} breaks its line where the melody does`);
    assert.equal(abcVoiceToFrames(parseAbc(out).tunes[0], v).frames.length, sopranoOf(tune, 0).length);
  }
  assert.deepEqual(sopranoOf(out, 0, 'S'), sopranoOf(tune, 0));
});

test('one voice of several is written from its notes, with its bar lines', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const tune = 'X:4\nT:Two voices\nM:3/4\nL:1/4\nK:F\nV:1\n|:F G A|Hc3:|\nV:2\n|:F, E, F,|C,3:|\n';
  const out = await harmonizeText(model, tune, 'abc', undefined, { beamWidth: 2 });
  assert.deepEqual(parseAbc(out).tunes[0].voices.map((v) => v.id), ['S', 'A', 'T', 'B']);
  for (const v of ['S', 'A', 'T', 'B']) assert.deepEqual(bars(out, v), ['|:', '|', ':|'], `voice ${v}`);
  assert.deepEqual(sopranoOf(out, 0, 'S'), sopranoOf(tune, 0, '1'));
});
