import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { AbortError, harmonize, harmonizeText } from '../../src/model';
import { VOICE_RANGES, parseSatb, type Frame, type VoiceEntry } from '../../src/satb';
import { fakeModel, satbTestVocab } from './helpers/fake-model';
import { sequenceLogprob } from './helpers/score';
import { satbProblems } from './helpers/satb-checks';

const SLOT: VoiceEntry = { kind: 'slot' };

/** Random frames: each voice given (a note in range, held when it can be, or a rest) or a slot; random fermatas. */
const framesArb = fc
  .array(
    fc.record({
      fermata: fc.boolean(),
      voices: fc.tuple(...[0, 1, 2, 3].map((v) =>
        fc.oneof(
          { weight: 3, arbitrary: fc.constant(SLOT) },
          { weight: 3, arbitrary: fc.integer({ min: VOICE_RANGES[v][0], max: VOICE_RANGES[v][1] }).map((pitch): VoiceEntry => ({ kind: 'note', pitch, held: false })) },
          { weight: 1, arbitrary: fc.constant<VoiceEntry>({ kind: 'rest' }) },
          { weight: 1, arbitrary: fc.constant<VoiceEntry>({ kind: 'note', pitch: -1, held: true }) },
        ),
      )),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((raw) => {
    // A given held note continues whatever that voice gave in the previous frame; otherwise it becomes struck.
    const frames: Frame[] = [];
    raw.forEach((r, i) => {
      const voices = r.voices.map((v, voice): VoiceEntry => {
        if (v.kind !== 'note' || !v.held) return v;
        const prev = frames[i - 1]?.voices[voice];
        if (prev?.kind === 'note') return { kind: 'note', pitch: prev.pitch, held: true };
        return { kind: 'note', pitch: VOICE_RANGES[voice][0] + 5, held: false };
      });
      frames.push({ fermata: r.fermata, voices });
    });
    return frames;
  });

test('harmonize never alters a given note or fermata and fills every slot (property)', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  await fc.assert(
    fc.asyncProperty(framesArb, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 }), async (frames, beamWidth, alternatives) => {
      const results = await harmonize(model, frames, { beamWidth, alternatives });
      assert.ok(results.length >= 1 && results.length <= Math.min(alternatives, beamWidth));
      for (let i = 1; i < results.length; i++) assert.ok(results[i - 1].logprob >= results[i].logprob);
      for (const h of results) {
        assert.equal(h.frames.length, frames.length);
        h.frames.forEach((f, i) => {
          assert.equal(f.fermata, frames[i].fermata);
          f.voices.forEach((v, voice) => {
            const given = frames[i].voices[voice];
            if (given.kind !== 'slot') assert.deepEqual(v, given);
            else {
              assert.notEqual(v.kind, 'slot');
              if (v.kind === 'note') {
                assert.ok(v.pitch >= VOICE_RANGES[voice][0] && v.pitch <= VOICE_RANGES[voice][1]);
                const prev = h.frames[i - 1]?.voices[voice];
                if (v.held) assert.ok(prev?.kind === 'note' && prev.pitch === v.pitch);
                const above = f.voices[voice - 1];
                if (above?.kind === 'note' && above.pitch >= VOICE_RANGES[voice][0]) assert.ok(v.pitch <= above.pitch, `voice ${voice} crosses above`);
              }
            }
          });
        });
      }
    }),
    { numRuns: 60, seed: 42 },
  );
});

test('a beam wide enough to hold every choice finds the exact best harmonization', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const given = (pitch: number): VoiceEntry => ({ kind: 'note', pitch, held: false });
  const frames: Frame[] = [
    { fermata: false, voices: [given(72), given(67), given(64), given(48)] },
    { fermata: true, voices: [given(74), SLOT, given(65), given(50)] },
    { fermata: false, voices: [given(76), given(67), given(60), given(48)] },
  ];
  const [lo, hi] = VOICE_RANGES[1];
  const scored: number[] = [];
  for (let p = lo; p <= hi; p++) {
    const filled = frames.map((f, i) => (i === 1 ? { ...f, voices: [f.voices[0], given(p), f.voices[2], f.voices[3]] } : f));
    scored.push(await sequenceLogprob(model, filled));
  }
  const best = Math.max(...scored);
  const [beam] = await harmonize(model, frames, { beamWidth: 32 });
  assert.ok(Math.abs(beam.logprob - best) < 1e-4, `${beam.logprob} vs brute force ${best}`);
  const alternatives = await harmonize(model, frames, { beamWidth: 32, alternatives: 4 });
  assert.equal(new Set(alternatives.map((h) => JSON.stringify(h.frames))).size, 4, 'alternatives differ');
  const sorted = [...scored].sort((a, b) => b - a).slice(0, 4);
  alternatives.forEach((h, i) => assert.ok(Math.abs(h.logprob - sorted[i]) < 1e-4));
});

test('an abort mid-harmonization stops within one step', async () => {
  const { model, step } = fakeModel('satb', satbTestVocab(), 5);
  const frames: Frame[] = Array.from({ length: 200 }, () => ({ fermata: false, voices: [{ kind: 'note', pitch: 72, held: false }, SLOT, SLOT, SLOT] }));
  const controller = new AbortController();
  let abortedAt = 0;
  let stepsAtAbort = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    stepsAtAbort = step.steps;
    controller.abort();
  }, 50);
  await assert.rejects(harmonize(model, frames, { beamWidth: 4 }, controller.signal), AbortError);
  const lag = performance.now() - abortedAt;
  assert.ok(step.steps - stepsAtAbort <= 1, `${step.steps - stepsAtAbort} steps ran after the abort`);
  assert.ok(lag < 100, `returned ${lag.toFixed(0)} ms after the abort (one step is 5 ms)`);
  assert.ok(step.steps < 200 * 5, 'stopped long before the end');
});

test('harmonizeText fills (?) slots and soprano-only frames of a .satb document, keeping everything else', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const text = `% title: t
START
(72,False) (?) (?) (48,False) |||
(72,True) |||
(.) (71,False)   (?) (62,False) (?) |||
END
`;
  const out = await harmonizeText(model, text, 'satb', undefined, { beamWidth: 4 });
  assert.deepEqual(satbProblems(out), []);
  const lines = out.split('\n');
  assert.equal(lines[0], '% title: t');
  assert.match(lines[2], /^\(72,False\) \(\d+,(False|True)\) \(\d+,(False|True)\) \(48,False\) \|\|\|$/);
  assert.match(lines[3], /^\(72,True\) \(\S+\) \(\S+\) \(\S+\) \|\|\|$/);
  assert.match(lines[4], /^\(\.\) \(71,False\) {3}\(\S+\) \(62,False\) \(\S+\) \|\|\|$/);
  const frames = parseSatb(out).chorale.frames;
  assert.equal(frames.length, 3);
});

test('harmonizeText with a selection fills only the selected frames', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const text = 'START\n(72,False) (?) (?) (?) |||\n(74,False) (?) (?) (?) |||\nEND\n';
  const second = text.indexOf('(74');
  const out = await harmonizeText(model, text, 'satb', { start: second, end: second + 5 }, { beamWidth: 2 });
  const lines = out.split('\n');
  assert.equal(lines[1], '(72,False) (?) (?) (?) |||');
  assert.doesNotMatch(lines[2], /\(\?\)/);
});

test('a given note the model cannot read is reported plainly', async () => {
  const { model } = fakeModel('satb', satbTestVocab());
  const frames: Frame[] = [{ fermata: false, voices: [{ kind: 'note', pitch: 90, held: false }, SLOT, SLOT, SLOT] }];
  await assert.rejects(harmonize(model, frames), /frame 1, soprano: \(90,False\) is not in the model's vocabulary/);
});
