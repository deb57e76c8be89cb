import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { harmonizeText, loadHarmonizer } from '../../src/model';
import { melodyOnly } from '../../src/eval/harmonization';
import { corpusPieces, validationPieces } from '../../src/eval/validation-set';
import { choraleSearchKey } from '../../src/model/harmonizer/chorale-context';
import { melodyRows, searchHarmonization } from '../../src/model/harmonizer/search';
import { CHORALE_VIEWS, TransposedViews } from '../../src/model/harmonizer/transposed-views';
import { zeroState } from '../../src/model/step';
import { parseSatb, writeSatb, type Frame } from '../../src/satb';
import { harmonizerVocab } from './helpers/fake-harmonizer';

const MODEL = resolve(__dirname, '..', '..', 'models', 'harmonizer');
const CORPORA = process.env.BACHBOT_CORPORA ?? resolve(__dirname, '..', '..', '..', 'shared', 'corpora');
const CHORALES = join(CORPORA, 'bach-chorales');
const noModel = !existsSync(join(MODEL, 'config.json')) && 'no models/harmonizer';

function logSoftmax(row: Float32Array): number[] {
  const max = Math.max(...row);
  const norm = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
  return Array.from(row, (x) => x - norm);
}

test("the views' rows are the network's own at each shift, and their logits its log-probabilities averaged over the shifts", { skip: noModel }, async () => {
  const model = await loadHarmonizer(MODEL);
  try {
    const vocab = model.config.vocab;
    const id = (t: string) => vocab.indexOf(t);
    const shifts = [-1, 0, 2];
    const views = new TransposedViews(model.network, vocab, shifts);
    const melody: Frame[] = [67, 69, 71, 72].map((p, i) => ({ fermata: i === 3, voices: [{ kind: 'note', pitch: p, held: false }, { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] }));
    const rows = melodyRows(model, melody, { barLength: 16, pickup: 0, minor: false }, [{ root: 7, quality: 'maj' }, undefined, undefined, { root: 0, quality: 'maj' }]);
    const together = await views.encode(rows);
    // Two beams, two frames: the second frame reads the first's state and voices.
    const alto = [id('(64,False)'), id('(62,False)')], tenor = [id('(60,False)'), id('(59,False)')], bass = [id('(48,False)'), id('(55,False)')];
    const W = model.network.encodingWidth;
    const encRows = (enc: Float32Array, width: number, f: number) => { const out = new Float32Array(2 * width); out.set(enc.subarray(f * width, (f + 1) * width), 0); out.set(enc.subarray(f * width, (f + 1) * width), width); return out; };
    let vState = zeroState(views.layers, views.hidden, 2);
    const first = await views.step(encRows(together, views.encodingWidth, 0), [0, 0], [0, 0], [0, 0], vState);
    vState = first.state;
    const second = await views.step(encRows(together, views.encodingWidth, 1), alto, tenor, bass, vState);
    const vTenor = await views.tenor(second.hidden, alto);
    const vBass = await views.bass(second.hidden, alto, tenor);
    const V = vocab.length;
    const expected = { alto: new Float64Array(2 * V), tenor: new Float64Array(2 * V), bass: new Float64Array(2 * V) };
    for (const d of shifts) {
      const move = (i: number) => { const m = /^\((\d+),(True|False)\)$/.exec(vocab[i]); return m ? id(`(${Number(m[1]) + d},${m[2]})`) : i; };
      const enc = await model.network.encode({ ...rows, soprano: Int32Array.from(rows.soprano, move), chord: Int32Array.from(rows.chord, (c) => (c === 0 ? 0 : 1 + ((Math.floor((c - 1) / 9) + d + 12) % 12) * 9 + ((c - 1) % 9))) });
      const s1 = await model.network.step(encRows(enc, W, 0), [0, 0], [0, 0], [0, 0], zeroState(model.network.layers, model.network.hidden, 2));
      const s2 = await model.network.step(encRows(enc, W, 1), alto.map(move), tenor.map(move), bass.map(move), s1.state);
      const t = await model.network.tenor(s2.hidden, alto.map(move));
      const b = await model.network.bass(s2.hidden, alto.map(move), tenor.map(move));
      for (const [key, out] of [['alto', s2.altoLogits], ['tenor', t], ['bass', b]] as const) {
        for (let r = 0; r < 2; r++) {
          const lp = logSoftmax(out.subarray(r * V, (r + 1) * V));
          for (let i = 0; i < V; i++) if (move(i) >= 0) expected[key][r * V + i] += lp[move(i)] / shifts.length;
        }
      }
    }
    for (const [key, got] of [['alto', second.altoLogits], ['tenor', vTenor], ['bass', vBass]] as const) {
      for (let i = 0; i < 2 * V; i++) {
        // Tokens a view lacks (at the edge of the vocabulary) are averaged over the others; only compare those all have.
        if (!shifts.every((d) => { const m = /^\((\d+),(True|False)\)$/.exec(vocab[i % V]); return !m || vocab.includes(`(${Number(m[1]) + d},${m[2]})`); })) continue;
        assert.ok(Math.abs(got[i] - expected[key][i]) < 1e-4, `${key} row ${Math.floor(i / V)} ${vocab[i % V]}: ${got[i]} against ${expected[key][i]}`);
      }
    }
  } finally {
    await model.dispose();
  }
});

test('a shift at which a note of the melody or a given voice leaves the vocabulary is left out; 0 never is', () => {
  const vocab = harmonizerVocab(31, 84);
  const frames = (pitch: number): Frame[] => [{ fermata: false, voices: [{ kind: 'note', pitch, held: false }, { kind: 'slot' }, { kind: 'slot' }, { kind: 'note', pitch: 36, held: false }] }];
  assert.deepEqual(TransposedViews.fitting(vocab, frames(72), [-1, 0, 1]), [-1, 0, 1]);
  assert.deepEqual(TransposedViews.fitting(vocab, frames(84), [-1, 0, 1]), [-1, 0]);
  assert.deepEqual(TransposedViews.fitting(vocab, [{ ...frames(72)[0], voices: [...frames(72)[0].voices.slice(0, 3), { kind: 'note', pitch: 31, held: false }] }], [-1, 0, 1]), [0, 1]);
});

test('Harmonize Selection on a .satb chorale hears it at CHORALE_VIEWS, and that is not the same as one view', { skip: noModel || (!existsSync(CHORALES) && 'no corpus') }, async () => {
  const model = await loadHarmonizer(MODEL);
  try {
    const chorale = validationPieces(corpusPieces(CHORALES, 'satb'))[1].chorale!;
    const frames = chorale.frames.slice(0, 64);
    const key = choraleSearchKey(chorale.meta);
    const text = await harmonizeText(model, writeSatb({ meta: chorale.meta, frames: melodyOnly(frames) }), 'satb', undefined, { beamWidth: 4 });
    const written = parseSatb(text).chorale.frames.map((f) => JSON.stringify(f.voices));
    const search = async (views: readonly number[]) => (await searchHarmonization(model, melodyOnly(frames), { beamWidth: 4, context: key.context, toSounding: key.toSounding, views }))[0].frames.map((f) => JSON.stringify(f.voices));
    assert.deepEqual(written, await search(CHORALE_VIEWS));
    assert.notDeepEqual(written, await search([0]));
  } finally {
    await model.dispose();
  }
});
