import assert from 'node:assert/strict';
import { test } from 'node:test';
import abcjs from 'abcjs';
import { parseAbc } from '../../src/abc';
import { chordLabelsPerFrame } from '../../src/abc/chord-symbols';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { harmonizeText } from '../../src/model';
import { modeNotes } from '../../src/model/tasks/abc-harmonize-options';
import { chordPitchClasses, mod12 } from '../../src/music/chord-label';
import { parseKey } from '../../src/music/key';
import type { Frame } from '../../src/satb';
import { folkHarmonizationFigures, sameMelody } from '../../src/eval/folk-harmonization';
import type { HarmonizerNetwork } from '../../src/model/harmonizer/network';
import { zeroState } from '../../src/model/step';
import { fakeHarmonizer, harmonizerVocab } from './helpers/fake-harmonizer';

/** A network with no preferences (every token equally likely): what the search chooses, the rules chose. */
function indifferentHarmonizer() {
  const vocab = harmonizerVocab();
  const flat = (rows: number) => new Float32Array(rows * vocab.length);
  const network: HarmonizerNetwork = {
    encodingWidth: 1, layers: 1, hidden: 1, outputWidth: 1, vocabSize: vocab.length,
    encode: async (m) => new Float32Array(m.soprano.length),
    step: async (_e, prev) => ({ altoLogits: flat(prev.length), hidden: new Float32Array(prev.length), state: zeroState(1, 1, prev.length) }),
    tenor: async (_h, alto) => flat(alto.length),
    bass: async (_h, alto) => flat(alto.length),
    dispose: async () => {},
  };
  return fakeHarmonizer(network, vocab);
}

/** The harmonized tune's four voices side by side, in the search's key, with the melody's chord labels. */
function voicesOf(out: string) {
  const tune = parseAbc(out).tunes[0];
  const voices = ['S', 'A', 'T', 'B'].map((v) => abcVoiceToFrames(tune, v));
  const n = Math.min(...voices.map((v) => v.frames.length));
  const frames: Frame[] = Array.from({ length: n }, (_, i) => ({ fermata: false, voices: voices.map((v) => v.frames[i].voices[0]) }));
  return { frames, melody: voices[0], labels: chordLabelsPerFrame(voices[0].chordSymbols, n, voices[0].semitones) };
}
const pitch = (f: Frame, v: number) => (f.voices[v].kind === 'note' ? (f.voices[v] as { pitch: number }).pitch : -1);

const JIG = `X:1\nT:Jig\nM:6/8\nL:1/8\nK:G\nD|"G"G2B "D"A2F|"G"GAB "C"c2e|"G"d2B "D"A2F|"G"G3 G2|]\n`;

test('a jig with chord symbols: every lower voice sounds the chord at each symbol, the bass its root, and the melody plays as before', async () => {
  const out = await harmonizeText(fakeHarmonizer(), JIG, 'abc', undefined, { beamWidth: 4 });
  const { frames, melody, labels } = voicesOf(out);
  for (const s of melody.chordSymbols) {
    const tones = chordPitchClasses(labels[s.frame]!);
    for (let v = 1; v < 4; v++) assert.ok(tones.has(mod12(pitch(frames[s.frame], v))), `frame ${s.frame}, voice ${v}: ${frames[s.frame].voices.map((x) => JSON.stringify(x))}`);
    assert.equal(mod12(pitch(frames[s.frame], 3)), labels[s.frame]!.root, `bass on the root at frame ${s.frame}`);
  }
  assert.ok(sameMelody(JIG, out), out);
});

test('a jig is accompanied in dotted quarters counted from the bar line: the lower voices strike only there or at a chord change', async () => {
  const out = await harmonizeText(indifferentHarmonizer(), JIG, 'abc', undefined, { beamWidth: 4 });
  const { frames } = voicesOf(out);
  // The pickup is one eighth (2 sixteenths): beats fall at 2, 8, 14, ...
  for (let f = 1; f < frames.length; f++) {
    for (let v = 1; v < 4; v++) {
      const e = frames[f].voices[v];
      if (e.kind === 'note' && !e.held) assert.equal((f - 2) % 6, 0, `voice ${v} strikes at frame ${f}`);
    }
  }
});

test('the chorale style lets the lower voices move between the beats', async () => {
  const tune = `X:1\nT:Plain\nM:4/4\nL:1/8\nK:C\ncdef gfed|c2e2 g2e2|cdef gfed|c8|]\n`;
  const accompaniment = voicesOf(await harmonizeText(indifferentHarmonizer(), tune, 'abc', undefined, { beamWidth: 4 })).frames;
  const chorale = voicesOf(await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 4, style: 'chorale' })).frames;
  const offBeatStrikes = (frames: Frame[]) => frames.filter((f, i) => i % 8 !== 0 && f.voices.slice(1).some((v) => v.kind === 'note' && !v.held)).length;
  // The accompaniment strikes off the half bar only where a rule leaves no other way (the melody leaps away from
  // a held alto: spacing); the chorale style wherever the network likes.
  assert.ok(offBeatStrikes(accompaniment) <= 1, `accompaniment: ${offBeatStrikes(accompaniment)}`);
  assert.ok(offBeatStrikes(chorale) > 4, `chorale: ${offBeatStrikes(chorale)}`);
});

test('a melody written high is harmonized at its own octave; one wider than the model can read is refused at a line and column', async () => {
  const high = `X:1\nT:High\nM:4/4\nL:1/8\nK:D\n"D"d'2 f'2 a'2 f'2|"A"e'2 c'2 a2 e'2|"D"d'8|]\n`;
  const out = await harmonizeText(fakeHarmonizer(), high, 'abc', undefined, { beamWidth: 4 });
  assert.ok(sameMelody(high, out));
  const { frames } = voicesOf(out);
  for (const f of frames) for (let v = 1; v < 4; v++) assert.ok(pitch(f, v) < 84, 'the lower voices stay in their ranges');
  const wide = `X:1\nT:Wide\nM:4/4\nL:1/8\nK:C\nC,,2 E,,2 G,,2 C,2|E2 G2 c'2 g'2|c''8|]\n`;
  await assert.rejects(harmonizeText(fakeHarmonizer(), wide, 'abc', undefined, { beamWidth: 2 }), /line 6, column 34: the melody spans 60 semitones/);
});

test("a mode's notes: mixolydian keeps its flat seventh when the melody sings it, minor gets its leading tone when it does not", () => {
  const melody = (pcs: number[]): Frame[] => pcs.map((p) => ({ fermata: false, voices: [{ kind: 'note', pitch: 60 + p, held: false }, { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] }));
  // A mixolydian moves to C mixolydian (+3): B-flat sung, so no B.
  assert.deepEqual(modeNotes(parseKey('Amix').key, 3, melody([0, 4, 7, 10])), [0, 2, 4, 5, 7, 9, 10]);
  // A minor without G in the melody: G# may be used.
  assert.deepEqual(modeNotes(parseKey('Am').key, 0, melody([9, 0, 4, 2])), [0, 2, 4, 5, 7, 8, 9, 11]);
  // K:Dm^c, moved to A minor (+7): the C# of the signature is G#.
  assert.deepEqual(modeNotes(parseKey('Dm^c').key, 7, melody([9, 0, 4])), [0, 2, 4, 5, 8, 9, 11]);
});

test('every K: form is kept, so the melody plays the same pitches and durations in abcjs', async () => {
  for (const key of ['Dm^c', 'D exp ^f ^c', 'Ador', 'G clef=bass', 'C transpose=-2', 'C middle=d', 'GLyd =f', 'none']) {
    const tune = `X:1\nT:K\nM:4/4\nL:1/8\nK:${key}\n"Dm"d2 c2 B2 A2|"A"^c2 e2 "Dm"d4|]\n`;
    const out = await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 2 });
    assert.ok(sameMelody(tune, out), `K:${key}\n${out}`);
  }
  const out = await harmonizeText(fakeHarmonizer(), `X:1\nT:K\nM:4/4\nL:1/8\nK:Dm^c\nd2 c2 B2 A2|d8|]\n`, 'abc', undefined, { beamWidth: 2 });
  assert.match(out, /\nK:Dm\^c\n/);
});

test("a header field abcjs would play as notes (the Nottingham tunes' Y:AB) is kept as a comment: the key reaches the melody, which starts with its harmony", async () => {
  const tune = `X:1\nT:Parts\nS:via EF\nY:AB\nM:6/8\nK:G\nP:A\nd|"G"gfg dBG|"D"AFD "G"G3:|\n`;
  const out = await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 2 });
  assert.match(out, /\n%Y:AB\n/);
  assert.match(out, /\nS:via EF\n/);
  assert.ok(sameMelody(tune, out), out);
  const [played] = abcjs.parseOnly(out) as unknown as { setUpAudio(o: object): { tracks: { cmd: string; pitch: number; start: number }[][] } }[];
  const firstNotes = played.setUpAudio({}).tracks.slice(0, 4).map((t) => t.find((e) => e.cmd === 'note')!);
  assert.deepEqual(firstNotes.map((e) => e.start), [0, 0, 0, 0], 'all four voices start together');
  assert.ok(played.setUpAudio({}).tracks[0].some((e) => e.cmd === 'note' && e.pitch === 78), 'the melody plays F#');
});

test('a tune that changes key: every voice changes with it, so each lower note sounds the chord written over it in abcjs and in our reading', async () => {
  // Part A in G, part B in D (a K: line in the body, as the Nottingham tunes write it); "C" needs C natural, "A" C#.
  const tune = `X:1\nT:Two keys\nM:6/8\nL:1/8\nK:G\n"G"B2G G2E|"C"c2e "G"d2B|"C"cBA "D"A2F|"G"G3 G3|\nK:D\n"D"A2F A2d|"A"e2c "D"d2A|"G"B2G "A"A2c|"D"d3 d3|]\n`;
  const out = await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 4 });
  assert.ok(sameMelody(tune, out), out);
  const { frames, melody, labels } = voicesOf(out);
  for (const v of ['A', 'T', 'B']) assert.equal(abcVoiceToFrames(parseAbc(out).tunes[0], v).semitones, melody.semitones, `voice ${v} is read in the tune's key`);
  for (const s of melody.chordSymbols) {
    const tones = chordPitchClasses(labels[s.frame]!);
    for (let v = 1; v < 4; v++) assert.ok(tones.has(mod12(pitch(frames[s.frame], v))), `frame ${s.frame} (${s.text}), voice ${v}\n${out}`);
  }
  // abcjs plays the lower voices as we read them: each track's pitch classes at the chord onsets are chord tones.
  const [played] = abcjs.parseOnly(out) as unknown as { setUpAudio(o: object): { tracks: { cmd: string; pitch: number; start: number }[][] } }[];
  const tracks = played.setUpAudio({}).tracks;
  for (const s of melody.chordSymbols) {
    const tones = chordPitchClasses(labels[s.frame]!);
    for (let v = 1; v < 4; v++) {
      const note = tracks[v].find((e) => e.cmd === 'note' && Math.abs(e.start - s.frame / 16) < 1e-6);
      if (note) assert.ok(tones.has(mod12(note.pitch + melody.semitones)), `abcjs, voice ${v} at frame ${s.frame} (${s.text}) plays ${note.pitch}`);
    }
  }
});

test('a melody that reaches above the model\'s vocabulary (moved down an octave for the model) keeps its lower voices under it where it sounds, not an octave lower', async () => {
  // In G, the b' moves to the search key's E6, past the vocabulary: the model reads the melody an octave down.
  const tune = `X:1\nT:Up high\nM:6/8\nL:1/8\nK:G\nD|"G"GBd g2b|"C"age "G"d2B|"Am"cea "D"f2d|"G"g3 gbg|"C"e2g "G"d2B|"D"A2d "G"B2G|"D"FAd "D7"fed|"G"g3 g2|]\n`;
  const out = await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 4 });
  assert.ok(sameMelody(tune, out));
  const { frames } = voicesOf(out);
  const strikes = frames.filter((f) => f.voices[1].kind === 'note' && !f.voices[1].held);
  const wide = strikes.filter((f) => pitch(f, 0) - pitch(f, 1) > 12);
  assert.ok(wide.length <= strikes.length / 4, `${wide.length} of ${strikes.length} alto notes more than an octave below the melody\n${out}`);
});

test('in a modal tune the lower voices leave out a chord tone the melody contradicts while the chord lasts: no C# under "A" where the tune sings C natural', async () => {
  const tune = `X:1\nT:Modal\nM:4/4\nL:1/8\nK:Ador\n"A"e2 a2 e2 c2|"G"d2 B2 G2 B2|"A"A2 E2 A2 B2|"A"c2 B2 A4|"A"A2 AB cB cd|"E"e2 c2 "A"A4|]\n`;
  const out = await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 4 });
  const { frames, melody, labels } = voicesOf(out);
  const symbols = melody.chordSymbols;
  let checked = 0;
  symbols.forEach((s, i) => {
    const end = symbols[i + 1]?.frame ?? frames.length;
    const span = frames.slice(s.frame, end);
    const sung = new Set(span.map((f) => mod12(pitch(f, 0))));
    const label = labels[s.frame]!;
    const third = mod12(label.root + 4);
    if (label.quality !== 'maj' || !sung.has(mod12(third - 1))) return;
    checked++;
    for (const f of span) for (let v = 1; v < 4; v++) assert.notEqual(mod12(pitch(f, v)), third, `${s.text} at frame ${s.frame}: voice ${v} sounds the third the melody contradicts\n${out}`);
  });
  assert.ok(checked >= 2, `${checked} chords checked`);
});

test('a tune that ends on the second over its tonic symbol, or on a dominant seventh leading back to the repeat, closes on that chord complete in root position', async () => {
  const endings = [
    `X:1\nT:Second\nM:4/4\nL:1/8\nK:D\n"D"d2f2 a2f2|"G"g2b2 "A"a2g2|"D"f2d2 "A"e2c2|"D"d4 e4|]\n`,
    `X:1\nT:Open\nM:6/8\nL:1/8\nK:G\n"G"G2B d2B|"C"c2e "G"d2B|"Am"c2A "G"B2G|"D7"A3 c3:|\n`,
  ];
  for (const tune of endings) {
    const out = await harmonizeText(fakeHarmonizer(), tune, 'abc', undefined, { beamWidth: 4 });
    const { frames, labels } = voicesOf(out);
    const last = frames[frames.length - 1];
    const label = labels[labels.length - 1]!;
    const pcs = new Set([1, 2, 3].map((v) => mod12(pitch(last, v) - label.root)));
    assert.equal(mod12(pitch(last, 3)), label.root, `the bass on the root\n${out}`);
    assert.ok(pcs.has(4) && pcs.has(7), `the lower voices sound the whole triad\n${out}`);
  }
});

test("the folk eval judges a tune's close by its last chord symbol: a dominant seventh as the other endings are, a minor tonic symbol in a major mode as minor", async () => {
  const tunes = [
    { name: 'open', text: `X:1\nT:Open\nM:6/8\nL:1/8\nK:G\n"G"G2B d2B|"C"c2e "G"d2B|"Am"c2A "G"B2G|"D7"A3 c3:|\n` },
    { name: 'minor close', text: `X:2\nT:Minor close\nM:4/4\nL:1/8\nK:Amix\n"A"A2c2 e2c2|"G"d2B2 G2B2|"A"A2c2 "G"B2G2|"Am"A8|]\n` },
  ];
  const f = await folkHarmonizationFigures(fakeHarmonizer(), tunes, { beamWidth: 4 });
  assert.deepEqual([f.otherEndings, f.endingAsWritten, f.tonicEndings, f.endingOnTonic], [1, 1, 1, 1]);
});
