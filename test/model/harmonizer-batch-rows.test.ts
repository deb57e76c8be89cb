import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { test } from 'node:test';
import { loadHarmonizer } from '../../src/model';

/**
 * The search runs the tenor and bass layers of a wide beam in two batches (search.ts) and keeps its results only
 * because a row's logits do not depend on the other rows of its batch: checked here on the shipped model, bit for bit.
 */
const MODEL = resolve(__dirname, '..', '..', 'models', 'harmonizer');

for (const provider of ['cpu', 'wasm'] as const) {
  test(`the harmonizer's tenor and bass rows are the same in any batch (${provider})`, { skip: !existsSync(join(MODEL, 'config.json')) && 'no models/harmonizer' }, async () => {
    const model = await loadHarmonizer(MODEL, { provider });
    try {
      const net = model.network;
      const rows = 48;
      const hidden = Float32Array.from({ length: rows * net.outputWidth }, (_, i) => Math.sin(i * 0.37));
      const alto = Array.from({ length: rows }, (_, i) => 3 + ((i * 7) % 100));
      const tenor = Array.from({ length: rows }, (_, i) => 3 + ((i * 11) % 100));
      const V = net.vocabSize;
      const fullTenor = await net.tenor(hidden, alto);
      const fullBass = await net.bass(hidden, alto, tenor);
      for (const [lo, hi] of [[0, 1], [0, 16], [16, 48], [47, 48]]) {
        const part = hidden.subarray(lo * net.outputWidth, hi * net.outputWidth);
        assert.deepEqual(await net.tenor(part, alto.slice(lo, hi)), fullTenor.slice(lo * V, hi * V), `tenor rows ${lo}-${hi}`);
        assert.deepEqual(await net.bass(part, alto.slice(lo, hi), tenor.slice(lo, hi)), fullBass.slice(lo * V, hi * V), `bass rows ${lo}-${hi}`);
      }
    } finally {
      await model.dispose();
    }
  });
}
