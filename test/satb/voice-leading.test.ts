import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyzeVoiceLeading, checkSatb, writeSatb } from '../../src/satb';
import { frames } from './frames';

const codes = (rows: string[], only = /./) =>
  analyzeVoiceLeading(frames(...rows))
    .filter((f) => only.test(f.code))
    .map((f) => `${f.code} ${f.voices.join('')} ${f.startFrame}-${f.endFrame}`);
const MOTION = /parallel|contrary/;

test('parallel fifths between soprano and bass, with frames and note names', () => {
  // C major: S G→A over B C→D (a fifth each time, both rising).
  const found = analyzeVoiceLeading(frames('67 64 60 48', '67- 64- 60- 48-', '69 65 60 50', '69- 65- 60- 50-'));
  assert.equal(found.length, 1);
  assert.equal(found[0].code, 'vl.parallel-fifths');
  assert.deepEqual(found[0].voices, [0, 3]);
  assert.deepEqual([found[0].startFrame, found[0].endFrame], [0, 3]);
  assert.equal(found[0].message, 'Parallel fifths between soprano and bass (G→A over C→D), frames 1–4');
});

test('octaves and fifths by contrary motion; held notes give no second finding', () => {
  assert.deepEqual(codes(['72 64 55 48', '72- 64- 55- 48-', '74 65 53 38']), ['vl.contrary-octaves 03 0-2']);
  assert.deepEqual(codes(['67 64 60 48', '62 59 57 55']), ['vl.contrary-fifths 03 0-1']);
  assert.deepEqual(codes(['72 64 55 48', '74 65 55 50', '74- 65- 55- 50-', '74- 65- 55- 50-']), ['vl.parallel-octaves 03 0-3']);
});

test('no finding for oblique motion, repeated fifths or octave leaps that keep the same pitch classes', () => {
  assert.deepEqual(codes(['67 64 60 48', '67 64 60 48']), []);
  assert.deepEqual(codes(['67 64 60 48', '69 64 60 48']), []);
  assert.deepEqual(codes(['67 64 60 48', '79 64 60 36'], MOTION), []);
  assert.deepEqual(codes(['67 64 60 48', 'r r r r', '69 65 60 50']), []);
});

test('voice crossing, spacing and range are reported once per stretch', () => {
  assert.deepEqual(codes(['72 64 66 48', '72- 64- 66- 48-', '72 64 60 48']), ['vl.voice-crossing 12 0-1']);
  assert.deepEqual(codes(['79 64 60 48', '79- 64- 60- 48-']), ['vl.spacing 01 0-1']);
  assert.deepEqual(codes(['72 67 52 40']), ['vl.spacing 12 0-0']);
  assert.deepEqual(codes(['82 72 64 48', '82- 72- 64- 48-', '72 67 60 48']), ['vl.range 0 0-1']);
  const [range] = analyzeVoiceLeading(frames('72 67 60 30'));
  assert.equal(range.message, 'The bass goes below its usual range C2–E4 (F#1), frame 1');
});

test('ranges are judged at the sung pitch when the file is transposed', () => {
  assert.deepEqual(analyzeVoiceLeading(frames('84 72 64 48'), { toSounding: -5 }), []);
  const [low] = analyzeVoiceLeading(frames('62 57 52 40'), { toSounding: -5 });
  assert.equal(low.message, 'The soprano goes below its usual range C4–A5 (sung A3, written D4), frame 1');
  const text = writeSatb({ meta: { comments: [], key: 'G major, transposed by +5 semitones to C major' }, frames: frames('84 72 64 48') });
  assert.deepEqual(checkSatb(text), []);
});

test('checkSatb reports findings as warnings over the frames concerned', () => {
  const text = writeSatb({ meta: { comments: [] }, frames: frames('67 64 60 48', '69 65 60 50') });
  const [d] = checkSatb(text);
  assert.equal(d.severity, 'warning');
  assert.equal(d.code, 'vl.parallel-fifths');
  assert.deepEqual([d.range.start.line, d.range.start.column, d.range.end.line], [1, 0, 2]);
});
