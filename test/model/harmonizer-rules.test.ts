import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AbortError, harmonize } from '../../src/model';
import { chordPitchClasses, mod12 } from '../../src/music/chord-label';
import type { Frame, VoiceEntry } from '../../src/satb';
import { clashTable, violations } from '../../src/model/harmonizer/rules';
import { CHORALE_VIEWS } from '../../src/model/harmonizer/transposed-views';
import { AdversarialNetwork, fakeHarmonizer, harmonizerVocab } from './helpers/fake-harmonizer';

const SLOT: VoiceEntry = { kind: 'slot' };
const pitchOf = (v: VoiceEntry) => (v.kind === 'note' ? v.pitch : -1);

/** A random soprano line in C major: steps and leaps, held notes, a few rests, fermatas at phrase ends. */
const melodyArb = fc
  .array(fc.record({ step: fc.integer({ min: -5, max: 5 }), length: fc.constantFrom(1, 2, 2, 4, 4, 6), rest: fc.integer({ min: 0, max: 19 }) }), { minLength: 3, maxLength: 12 })
  .map((notes) => {
    const frames: Frame[] = [];
    let pitch = 72;
    const scale = [0, 2, 4, 5, 7, 9, 11];
    notes.forEach((n, i) => {
      pitch = Math.min(79, Math.max(62, pitch + n.step));
      while (!scale.includes(mod12(pitch))) pitch++;
      for (let k = 0; k < n.length; k++) {
        const soprano: VoiceEntry = n.rest === 0 ? { kind: 'rest' } : { kind: 'note', pitch, held: k > 0 };
        frames.push({ fermata: i % 6 === 5 || i === notes.length - 1, voices: [soprano, SLOT, SLOT, SLOT] });
      }
    });
    return frames;
  });

/** An independent reading of the rules the search keeps, over every pair that involves a generated voice. */
function faults(frames: Frame[]): string[] {
  const out: string[] = [];
  const ranges = [[0, 127], [53, 74], [48, 69], [36, 64]];
  frames.forEach((frame, k) => {
    const now = frame.voices.map(pitchOf);
    const before = k > 0 ? frames[k - 1].voices.map(pitchOf) : [-1, -1, -1, -1];
    for (let v = 1; v < 4; v++) {
      if (now[v] >= 0 && (now[v] < ranges[v][0] || now[v] > ranges[v][1])) out.push(`frame ${k}: ${v} out of range`);
      if (now[v] >= 0 && now[v - 1] >= 0 && now[v] > now[v - 1]) out.push(`frame ${k}: ${v} above ${v - 1}`);
    }
    for (let a = 0; a < 4; a++) {
      for (let b = a + 1; b < 4; b++) {
        if ([now[a], now[b], before[a], before[b]].some((p) => p < 0)) continue;
        const d = mod12(now[a] - now[b]);
        const pair = [mod12(now[a]), mod12(now[b])].sort((x, y) => x - y).join('-');
        if (['0-1', '2-3', '3-4', '5-6', '7-8', '10-11'].includes(pair)) out.push(`frame ${k}: chromatic clash ${a}-${b}`);
        const moved = now[a] !== before[a] && now[b] !== before[b];
        const similar = Math.sign(now[a] - before[a]) === Math.sign(now[b] - before[b]);
        const octaveLeaps = mod12(now[a] - before[a]) === 0 && mod12(now[b] - before[b]) === 0;
        const was = mod12(before[a] - before[b]);
        if (moved && similar && !octaveLeaps && was === d && (d === 0 || d === 7)) out.push(`frame ${k}: parallel ${d === 7 ? 'fifths' : 'octaves'} ${a}-${b}`);
      }
    }
  });
  return out;
}

test('the harmonizer never writes parallels, chromatic clashes, crossings or notes out of range, even when the model wants them (1,000 random melodies, heard as written or at CHORALE_VIEWS)', async () => {
  const model = fakeHarmonizer();
  await fc.assert(
    fc.asyncProperty(melodyArb, fc.integer({ min: 1, max: 4 }), fc.constantFrom([0], CHORALE_VIEWS), async (frames, beamWidth, views) => {
      const [best] = await harmonize(model, frames, { beamWidth, views });
      assert.equal(best.frames.length, frames.length);
      best.frames.forEach((f, i) => {
        assert.deepEqual(f.voices[0], frames[i].voices[0]);
        assert.equal(f.fermata, frames[i].fermata);
        for (let v = 1; v < 4; v++) assert.notEqual(f.voices[v].kind, 'slot');
      });
      assert.deepEqual(faults(best.frames), []);
    }),
    { numRuns: 1000, seed: 20261201 },
  );
});

/** A random melody in C, a note on each beat and a chromatic neighbour note (F#, C#, G#...) between some of them. */
const chromaticMelodyArb = fc
  .array(fc.record({ step: fc.integer({ min: -4, max: 4 }), chromatic: fc.integer({ min: 0, max: 1 }) }), { minLength: 4, maxLength: 12 })
  .map((beats) => {
    const frames: Frame[] = [];
    let pitch = 72;
    const scale = [0, 2, 4, 5, 7, 9, 11];
    for (const b of beats) {
      pitch = Math.min(79, Math.max(64, pitch + b.step));
      while (!scale.includes(mod12(pitch))) pitch++;
      const passing = b.chromatic === 0 ? pitch : scale.includes(mod12(pitch - 1)) ? pitch + 1 : pitch - 1;
      for (const p of [pitch, pitch, passing, pitch]) frames.push({ fermata: false, voices: [{ kind: 'note', pitch: p, held: false }, SLOT, SLOT, SLOT] });
    }
    return frames;
  });

test('an accompaniment that strikes on the beat chooses there notes it can hold against the melody until the next beat: no clash, no crossing, no strike between beats (300 random melodies)', async () => {
  const model = fakeHarmonizer();
  await fc.assert(
    fc.asyncProperty(chromaticMelodyArb, async (frames) => {
      const strikes = frames.map((_, f) => f % 4 === 0);
      const [best] = await harmonize(model, frames, { beamWidth: 4, strikes });
      const held = faults(best.frames).filter((x) => /clash 0-|above 0/.test(x));
      const between = best.frames.flatMap((f, i) => (strikes[i] ? [] : f.voices.slice(1).flatMap((v, k) => (v.kind === 'note' && !v.held ? [`frame ${i}: voice ${k + 1} strikes`] : []))));
      assert.deepEqual([...held, ...between], []);
    }),
    { numRuns: 300, seed: 20261204 },
  );
});

test('without the rules the same model writes parallel octaves (the property above can fail)', async () => {
  const model = fakeHarmonizer();
  const frames: Frame[] = [72, 74, 76, 77].map((pitch) => ({ fermata: false, voices: [{ kind: 'note', pitch, held: false }, SLOT, SLOT, SLOT] }));
  const logits = await model.network.step(await model.network.encode({ soprano: Int32Array.from(frames.map((f) => model.vocab.id(`(${pitchOf(f.voices[0])},False)`)!)), fermata: new Int32Array(4), position: new Int32Array(4), bar: new Int32Array(4), chord: new Int32Array(4), minor: new Int32Array(4) }), [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], { batch: 4, layers: 1, hidden: 1, h: new Float32Array(4), c: new Float32Array(4) });
  const V = model.vocab.size;
  const preferred = [0, 1, 2, 3].map((row) => model.vocab.token(logits.altoLogits.subarray(row * V, (row + 1) * V).indexOf(Math.max(...logits.altoLogits.subarray(row * V, (row + 1) * V)))));
  assert.deepEqual(preferred, ['(60,False)', '(62,False)', '(64,False)', '(65,False)']);
  const [best] = await harmonize(model, frames, { beamWidth: 4 });
  assert.deepEqual(faults(best.frames), []);
  assert.notDeepEqual(best.frames.map((f) => f.voices[1]), preferred);
});

test('given notes are kept, and where two given voices make parallels the rest is still judged', async () => {
  const model = fakeHarmonizer();
  // Soprano and bass given in parallel octaves: the search keeps them and fills alto and tenor without faults of their own.
  const frames: Frame[] = [72, 74, 76, 77, 79].map((pitch) => ({
    fermata: false,
    voices: [{ kind: 'note', pitch, held: false }, SLOT, SLOT, { kind: 'note', pitch: pitch - 24, held: false }],
  }));
  const [best] = await harmonize(model, frames, { beamWidth: 4 });
  best.frames.forEach((f, i) => assert.deepEqual(f.voices[3], frames[i].voices[3]));
  const own = faults(best.frames).filter((x) => !/ 0-3$/.test(x));
  assert.deepEqual(own, []);
});

test('a piece that ends under a fermata ends on a complete root-position tonic chord, major or minor', async () => {
  const model = fakeHarmonizer();
  for (const [minor, tonic, melody] of [[false, 0, [76, 74, 72]], [true, 9, [76, 71, 69]]] as const) {
    const frames: Frame[] = melody.flatMap((pitch, i) => [0, 1, 2, 3].map((k): Frame => ({ fermata: i === melody.length - 1, voices: [{ kind: 'note', pitch, held: k > 0 }, SLOT, SLOT, SLOT] })));
    const [best] = await harmonize(model, frames, { beamWidth: 4, context: { barLength: 16, pickup: 0, minor } });
    const last = best.frames[best.frames.length - 1].voices.map(pitchOf);
    assert.equal(mod12(last[3] - tonic), 0, `bass on the tonic (${last})`);
    const degrees = new Set(last.map((p) => mod12(p - tonic)));
    assert.ok(degrees.has(0) && degrees.has(7) && (degrees.has(4) || (minor && degrees.has(3))), `complete triad: ${[...degrees]}`);
  }
});

test('under a chord label every lower voice sounds the chord on the beat, the bass its root', async () => {
  const model = fakeHarmonizer();
  const melody = [72, 72, 74, 74, 76, 76, 77, 77, 79, 79, 77, 77, 76, 76, 74, 74];
  const frames: Frame[] = melody.map((pitch, i) => ({ fermata: false, voices: [{ kind: 'note', pitch, held: i % 2 === 1 }, SLOT, SLOT, SLOT] }));
  const C = { root: 0, quality: 'maj' as const };
  const G7 = { root: 7, quality: 'dom7' as const };
  const chords = melody.map((_, i) => (i < 8 ? C : G7));
  const [best] = await harmonize(model, frames, { beamWidth: 4, chords, finalChord: 'none' });
  for (const f of [0, 4, 8, 12]) {
    const tones = chordPitchClasses(chords[f]);
    for (let v = 1; v < 4; v++) assert.ok(tones.has(mod12(pitchOf(best.frames[f].voices[v]))), `frame ${f}, voice ${v}`);
  }
  assert.equal(mod12(pitchOf(best.frames[0].voices[3])), 0);
  assert.equal(mod12(pitchOf(best.frames[8].voices[3])), 7);
});

test('an abort in the middle of a search returns promptly, heard as written or at CHORALE_VIEWS', async () => {
  const model = fakeHarmonizer(new AdversarialNetwork(harmonizerVocab(), 2));
  const frames: Frame[] = Array.from({ length: 400 }, (_, i) => ({ fermata: false, voices: [{ kind: 'note', pitch: 72 + (i % 5), held: false }, SLOT, SLOT, SLOT] }));
  for (const views of [[0], CHORALE_VIEWS]) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 30);
    const started = Date.now();
    await assert.rejects(harmonize(model, frames, { beamWidth: 8, views }, controller.signal), (e: unknown) => e instanceof AbortError);
    assert.ok(Date.now() - started < 1000, `views ${views}: aborted after ${Date.now() - started} ms`);
  }
});

test("a mode's notes bound the lower voices: no leading tone in mixolydian, a chord symbol's own tones allowed", async () => {
  const model = fakeHarmonizer();
  // C mixolydian (the search's key for G or A mixolydian): B-flat, never B.
  const mixolydian = [0, 2, 4, 5, 7, 9, 10];
  const melody = [79, 77, 76, 74, 72, 70, 72, 74, 76, 79, 77, 76, 74, 72, 72, 72];
  const frames: Frame[] = melody.map((pitch, i) => ({ fermata: i === melody.length - 1, voices: [{ kind: 'note', pitch, held: i === melody.length - 1 }, SLOT, SLOT, SLOT] }));
  const [plain] = await harmonize(model, frames, { beamWidth: 4, pitchClasses: mixolydian });
  for (const f of plain.frames) for (let v = 1; v < 4; v++) assert.notEqual(mod12(pitchOf(f.voices[v])), 11, 'no B natural');
  const E7 = { root: 4, quality: 'dom7' as const };
  const chords = melody.map((_, i) => (i >= 4 && i < 8 ? E7 : undefined));
  const [withChord] = await harmonize(model, frames, { beamWidth: 4, pitchClasses: mixolydian, chords });
  for (const f of [4]) for (let v = 1; v < 4; v++) assert.ok(chordPitchClasses(E7).has(mod12(pitchOf(withChord.frames[f].voices[v]))));
});

test('a minor chorale closes with a Picardy third, or on the major chord of the fifth when its melody ends there', async () => {
  const model = fakeHarmonizer();
  const ending = (melody: number[]): Frame[] => melody.flatMap((pitch, i) => [0, 1, 2, 3].map((k): Frame => ({ fermata: i === melody.length - 1, voices: [{ kind: 'note', pitch, held: k > 0 }, SLOT, SLOT, SLOT] })));
  const context = { barLength: 16, pickup: 0, minor: true };
  const [tonic] = await harmonize(model, ending([72, 71, 69]), { beamWidth: 4, context });
  const last = tonic.frames[tonic.frames.length - 1].voices.map(pitchOf);
  assert.equal(mod12(last[3]), 9, 'A in the bass');
  assert.ok(last.some((p) => mod12(p) === 1) && !last.some((p) => mod12(p) === 0), `A major: ${last}`);
  const [phrygian] = await harmonize(model, ending([72, 77, 76]), { beamWidth: 4, context });
  const close = phrygian.frames[phrygian.frames.length - 1].voices.map(pitchOf);
  assert.equal(mod12(close[3]), 4, 'E in the bass');
  assert.ok(close.some((p) => mod12(p) === 8), `E major: ${close}`);
});

test('where the lower voices may not strike again before the end, the chord struck last is the complete tonic in root position', async () => {
  const model = fakeHarmonizer();
  // The melody's last note lasts four frames; the lower voices strike only every eighth frame (a bar of 4/4 here, the
  // last strike at the last note's first frame), so whatever they strike there sounds to the end.
  const melody = [76, 74, 72, 71, 72, 74, 76, 77, 79, 77, 76, 74, 72];
  const frames: Frame[] = melody.flatMap((pitch, i) => [0, 1, 2, 3].map((k): Frame => ({ fermata: false, voices: [{ kind: 'note', pitch, held: k > 0 }, SLOT, SLOT, SLOT] })));
  const strikes = frames.map((_, f) => f % 8 === 0);
  for (const beamWidth of [1, 4]) {
    const [best] = await harmonize(model, frames, { beamWidth, strikes, finalChord: { tonic: 0, minor: false } });
    const lastStrike = frames.length - 4;
    for (let f = lastStrike; f < frames.length; f++) {
      const pitches = best.frames[f].voices.map(pitchOf);
      assert.equal(mod12(pitches[3]), 0, `frame ${f}: bass on C (${pitches})`);
      assert.deepEqual(new Set(pitches.map(mod12)), new Set([0, 4, 7]), `frame ${f}: C major complete (${pitches})`);
    }
  }
});

test('the alto more than an octave under the melody breaks the spacing rule, except where the lower voices may not strike', () => {
  const rules = { current: [81, undefined, undefined, undefined], previous: [76, 65, 57, 48], toSounding: 0, clashes: clashTable() };
  assert.equal(violations(1, 65, rules), 1);
  assert.equal(violations(1, 65, { ...rules, melodySpacing: false }), 0);
  assert.equal(violations(1, 69, rules), 0);
});
