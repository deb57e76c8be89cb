import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseSatb, writeSatb, choraleModelTokens, frameTokens, parseVoiceToken, voiceToken, parseKeyMeta, formatKeyMeta } from '../../src/satb';

const SAMPLE = `% title: Test
% key: G major, transposed by +5 semitones to C major
% meter: 3/4
% pickup: 4
% a comment the reader keeps
START
(72,False) (67,False) (64,False) (48,False) |||
(72,True) (67, True) (r) (48,True) |||
(.) (74,False) (?) (65,False) (50,False) |||
END
`;

const codes = (text: string) => parseSatb(text).diagnostics.map((d) => `${d.severity}:${d.code}`);

test('reads metadata, keeps comments verbatim and frames with held notes, rests, slots and fermatas', () => {
  const { chorale, diagnostics } = parseSatb(SAMPLE);
  assert.deepEqual(diagnostics, []);
  assert.equal(chorale.meta.title, 'Test');
  assert.equal(chorale.meta.key, 'G major, transposed by +5 semitones to C major');
  assert.equal(chorale.meta.meter, '3/4');
  assert.equal(chorale.meta.pickup, 4);
  assert.equal(chorale.meta.comments.length, 5);
  assert.equal(chorale.meta.comments[4], '% a comment the reader keeps');
  assert.equal(chorale.frames.length, 3);
  assert.deepEqual(chorale.frames[1].voices, [
    { kind: 'note', pitch: 72, held: true },
    { kind: 'note', pitch: 67, held: true },
    { kind: 'rest' },
    { kind: 'note', pitch: 48, held: true },
  ]);
  assert.equal(chorale.frames[2].fermata, true);
  assert.deepEqual(chorale.frames[2].voices[1], { kind: 'slot' });
});

test('tokens carry positions and frame indices; "(67, True)" reads canonically', () => {
  const { tokens } = parseSatb(SAMPLE);
  const spaced = tokens.find((t) => t.range.start.line === 7 && t.range.start.column === 10)!;
  assert.equal(spaced.text, '(67,True)');
  assert.equal(spaced.frameIndex, 1);
  assert.equal(spaced.range.end.column, 20);
  assert.equal(SAMPLE.slice(spaced.range.start.offset, spaced.range.end.offset), '(67, True)');
  assert.deepEqual(tokens.map((t) => t.text).slice(0, 6), ['START', '(72,False)', '(67,False)', '(64,False)', '(48,False)', '|||']);
});

test('writeSatb writes the canonical form and is idempotent', () => {
  const once = writeSatb(parseSatb(SAMPLE).chorale);
  assert.equal(once, SAMPLE.replace('(67, True)', '(67,True)'));
  assert.equal(writeSatb(parseSatb(once).chorale), once);
});

test('writeSatb states metadata that has no comment yet', () => {
  const text = writeSatb({ meta: { comments: [], title: 'T', meter: '4/4', pickup: 0 }, frames: [] });
  assert.equal(text, '% title: T\n% meter: 4/4\n% pickup: 0\nSTART\nEND\n');
});

test('model tokens: START, [(.)] S A T B |||, END; slots are refused', () => {
  const { chorale } = parseSatb('START (60,False) (55,False) (52,False) (48,False) ||| (.) (60,True) (55,True) (52,True) (48,True) ||| END');
  assert.deepEqual(choraleModelTokens(chorale), [
    'START', '(60,False)', '(55,False)', '(52,False)', '(48,False)', '|||',
    '(.)', '(60,True)', '(55,True)', '(52,True)', '(48,True)', '|||', 'END',
  ]);
  assert.throws(() => choraleModelTokens(parseSatb(SAMPLE).chorale), /slot/);
});

test('voice tokens round-trip', () => {
  for (const t of ['(60,False)', '(0,True)', '(r)', '(?)']) assert.equal(voiceToken(parseVoiceToken(t)!), t);
  assert.equal(parseVoiceToken('(60,false)'), undefined);
  assert.deepEqual(frameTokens({ fermata: true, voices: [{ kind: 'rest' }] }), ['(.)', '(r)', '|||']);
});

test("BachBot's shorter frames are read with a warning at the frame", () => {
  const text = 'START\n(72,False) (48,False) |||\n(72,True) (64,False) (48,True) |||\nEND\n';
  const { chorale, diagnostics } = parseSatb(text);
  assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.column, d.range.end.column]), [
    ['satb.short-frame', 'warning', 1, 0, 25],
    ['satb.short-frame', 'warning', 2, 0, 34],
  ]);
  assert.equal(diagnostics[0].message, 'BachBot-style frame with 2 voices; read as S B with A T resting');
  assert.deepEqual(chorale.frames[0].voices, [
    { kind: 'note', pitch: 72, held: false }, { kind: 'rest' }, { kind: 'rest' }, { kind: 'note', pitch: 48, held: false },
  ]);
  assert.deepEqual(chorale.frames[1].voices[1], { kind: 'note', pitch: 64, held: false });
});

test('errors with exact ranges', () => {
  const five = 'START\n(60,False) (55,False) (52,False) (48,False) (40,False) |||\nEND\n';
  const d = parseSatb(five).diagnostics;
  assert.equal(d.length, 1);
  assert.equal(d[0].severity, 'error');
  assert.equal(d[0].code, 'satb.too-many-voices');
  assert.deepEqual([d[0].range.start.line, d[0].range.start.column, d[0].range.end.column], [1, 44, 54]);

  const unknown = parseSatb('START\n(60,False) (55,Flase) (52,False) (48,False) |||\nEND\n').diagnostics;
  assert.equal(unknown[0].code, 'satb.unknown-token');
  assert.deepEqual([unknown[0].range.start.line, unknown[0].range.start.column], [1, 11]);
  assert.match(unknown[0].message, /\(55,Flase\)/);

  const held = parseSatb('START\n(60,False) (55,False) (52,False) (48,False) |||\n(60,True) (57,True) (52,True) (48,True) |||\nEND\n').diagnostics;
  assert.equal(held.length, 1);
  assert.equal(held[0].code, 'satb.held-without-note');
  assert.deepEqual([held[0].range.start.line, held[0].range.start.column], [2, 10]);
  assert.match(held[0].message, /alto holds 57/);
});

test('START, END and frame structure problems', () => {
  assert.deepEqual(codes('(60,False) (55,False) (52,False) (48,False) |||\nEND\n'), ['error:satb.missing-start']);
  assert.deepEqual(codes('START\n(60,False) (55,False) (52,False) (48,False) |||\n'), ['error:satb.missing-end']);
  assert.deepEqual(codes('START\n(60,False) (55,False) (52,False) (48,False) |||\nEND\nhello |||'), ['error:satb.after-end']);
  assert.deepEqual(codes('START\n(60,False) (55,False) (52,False) (48,False)\nEND\n'), ['error:satb.unclosed-frame']);
  assert.deepEqual(codes('START\n(60,False) (.) (55,False) (52,False) (48,False) |||\nEND\n'), ['error:satb.fermata-position']);
  assert.deepEqual(codes('START\n||| \nEND\n'), ['error:satb.empty-frame']);
  assert.deepEqual(codes('START\n(60,False) (55,False) (52,False) (148,False) |||\nEND\n'), ['error:satb.pitch-range']);
  assert.deepEqual(codes('% meter: four\nSTART\nEND\n'), ['warning:satb.metadata']);
  assert.deepEqual(codes(''), []);
  const after = parseSatb('START\nEND\nfoo bar').diagnostics[0];
  assert.deepEqual([after.range.start.offset, after.range.end.offset], [10, 17]);
});

test('key metadata: the original key and the shift; unreadable keys are a warning', () => {
  const g = parseKeyMeta('G major, transposed by +5 semitones to C major')!;
  assert.deepEqual([g.original.tonic, g.original.mode, g.shift], ['G', 'major', 5]);
  const fs = parseKeyMeta('F# minor, transposed by +3 semitones to A minor')!;
  assert.deepEqual([fs.original.tonic, fs.original.mode, fs.shift], ['F#', 'minor', 3]);
  assert.equal(parseKeyMeta('Bb')!.shift, 0);
  assert.equal(parseKeyMeta('Ddor')!.original.mode, 'dorian');
  assert.equal(parseKeyMeta('H major'), undefined);
  assert.equal(formatKeyMeta(fs.original, -2), 'F# minor, transposed by -2 semitones to A minor');
  const d = parseSatb('% key: somewhere\nSTART\nEND\n').diagnostics;
  assert.deepEqual(d.map((x) => [x.code, x.severity, x.range.end.column]), [['satb.metadata', 'warning', 16]]);
});
