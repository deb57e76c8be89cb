// The chorale's frame positions packed for the page come back as they were, frames without tokens included.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeFrameSources, encodeFrameSources } from '../../src/preview-protocol/frame-codec';
import { frameSources } from '../../src/features/preview/frame-sources';
import { parseSatb } from '../../src/satb';
import { chorale } from './helpers';

test('packed frame sources decode to the same frames, for a Bach chorale and for frames without tokens', () => {
  const frames = frameSources(parseSatb(chorale('chor001.satb')).tokens);
  assert.ok(frames.length > 50);
  assert.deepEqual(decodeFrameSources(encodeFrameSources(frames)), frames);
  const odd = [null, { start: 10, end: 12, voices: [] }, null, { start: 20, end: 40, voices: [20, 30, 31, 40] }, null];
  assert.deepEqual(decodeFrameSources(encodeFrameSources(odd)), odd);
  assert.deepEqual(decodeFrameSources([]), []);
});

test('packing holds one small number per offset: no object per frame', () => {
  const frames = frameSources(parseSatb(chorale('chor001.satb')).tokens);
  const packed = encodeFrameSources(frames);
  const offsets = frames.reduce((n, f) => n + (f ? 3 + f.voices.length : 1), 0);
  assert.equal(packed.length, offsets);
  assert.ok(packed.every((x) => Number.isInteger(x) && Math.abs(x) < 1000), 'offsets as differences, not positions');
});

test('an array that was not packed by encodeFrameSources is refused, not misread', () => {
  assert.throws(() => decodeFrameSources([2, 5, 1]), /middle of a frame/);
  assert.throws(() => decodeFrameSources([-2, 0, 0]), /bad voice count/);
});
