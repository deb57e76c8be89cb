import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { harmonizeText, loadHarmonizer } from '../../src/model';
import { melodyOnly } from '../../src/eval/harmonization';
import { voiceLeadingCounts } from '../../src/eval/voice-leading-counts';
import { choraleSearchKey } from '../../src/model/harmonizer/chorale-context';
import { harmonize } from '../../src/model/tasks/harmonize';
import { parseSatb, writeSatb } from '../../src/satb';
import { corpusPieces, validationPieces } from '../../src/eval/validation-set';
import { parseAbc } from '../../src/abc';
import { abcVoiceToFrames } from '../../src/abc/frames';
import { benchReel } from '../../src/cli/bench-harmonizer-tunes';
import { searchHarmonization } from '../../src/model/harmonizer/search';
import { abcMelodySearch, vocabularyRange } from '../../src/model/tasks/abc-harmonize-options';

const MODEL = resolve(__dirname, '..', '..', 'models', 'harmonizer');
const CHORALES = join(process.env.BACHBOT_CORPORA ?? resolve(__dirname, '..', '..', '..', 'shared', 'corpora'), 'bach-chorales');

test('the shipped harmonizer loads, and harmonizes validation chorales without parallels or clashes, ending on their final chord', { skip: !existsSync(join(MODEL, 'config.json')) && 'no models/harmonizer' }, async () => {
  const model = await loadHarmonizer(MODEL);
  try {
    const pieces = validationPieces(corpusPieces(CHORALES, 'satb')).slice(0, 3);
    assert.equal(pieces.length, 3);
    for (const piece of pieces) {
      const chorale = piece.chorale!;
      const key = choraleSearchKey(chorale.meta);
      const [best] = await harmonize(model, melodyOnly(chorale.frames), { beamWidth: 4, context: key.context, toSounding: key.toSounding });
      assert.equal(best.frames.length, chorale.frames.length);
      best.frames.forEach((f, i) => assert.deepEqual(f.voices[0], chorale.frames[i].voices[0]));
      const counts = voiceLeadingCounts(best.frames);
      assert.equal(counts.parallels, 0, `${piece.name}: parallels`);
      assert.equal(counts.chromaticClashes, 0, `${piece.name}: chromatic clashes`);
      const last = best.frames[best.frames.length - 1].voices.map((v) => (v.kind === 'note' ? v.pitch % 12 : -1));
      const bach = chorale.frames[chorale.frames.length - 1].voices.map((v) => (v.kind === 'note' ? v.pitch % 12 : -1));
      assert.equal(last[3], bach[3], `${piece.name}: the final bass`);
    }
  } finally {
    await model.dispose();
  }
});

test('Harmonize Selection on a .satb melody fills every slot and keeps the rest of the text', { skip: !existsSync(join(MODEL, 'config.json')) && 'no models/harmonizer' }, async () => {
  const model = await loadHarmonizer(MODEL);
  try {
    const [piece] = validationPieces(corpusPieces(CHORALES, 'satb'));
    const melody = writeSatb({ meta: piece.chorale!.meta, frames: melodyOnly(piece.chorale!.frames.slice(0, 32)) });
    const text = await harmonizeText(model, melody, 'satb', undefined, { beamWidth: 2 });
    const parsed = parseSatb(text);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
    assert.ok(parsed.chorale.frames.every((f) => f.voices.every((v) => v.kind !== 'slot')));
    assert.deepEqual(parsed.chorale.meta.comments, piece.chorale!.meta.comments);
  } finally {
    await model.dispose();
  }
});

test('a reel whose melody leaps above the held accompaniment is harmonized at beam 8 without breaking a rule: the leap is the melody\'s, and a dead end is searched again from a bar before', { skip: !existsSync(join(MODEL, 'config.json')) && 'no models/harmonizer' }, async () => {
  const model = await loadHarmonizer(MODEL);
  try {
    const melody = abcVoiceToFrames(parseAbc(benchReel()).tunes[0], undefined);
    const search = abcMelodySearch(melody, vocabularyRange(model.vocab.tokens), 'accompaniment');
    const [best] = await searchHarmonization(model, search.frames, { ...search.options, beamWidth: 8 });
    assert.equal(best.violations, 0);
    assert.equal(voiceLeadingCounts(best.frames).parallels, 0);
  } finally {
    await model.dispose();
  }
});
