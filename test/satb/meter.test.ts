import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analysisBeatFrames, barFrames } from '../../src/satb/harmony-analysis';
import { documentMeter } from '../../src/satb/meta';
import { framesForBars, parseSatbMeter } from '../../src/satb/meter';

test('a chorale meter is a fraction of whole numbers, read once for bars, beats and length limits', () => {
  assert.deepEqual(parseSatbMeter('3/4'), { numerator: 3, denominator: 4 });
  assert.equal(parseSatbMeter('C'), undefined);
  assert.equal(parseSatbMeter(undefined), undefined);
  assert.equal(barFrames('3/4'), 12);
  assert.equal(barFrames('3/2'), 24);
  assert.equal(barFrames('odd'), 16);
  assert.equal(analysisBeatFrames('6/8'), 6);
  assert.equal(analysisBeatFrames('3/2'), 4);
  assert.equal(framesForBars(2, '3/4'), 24);
  assert.equal(framesForBars(2, undefined), 32);
  assert.equal(framesForBars(1, '0/4'), 16);
});

test("a document's meter comes from its % meter: line", () => {
  assert.equal(documentMeter('% title: x\r\n% meter: 3/4\r\nSTART\n'), '3/4');
  assert.equal(documentMeter('START\n(60,False) (55,False) (52,False) (48,False) |||\nEND\n'), undefined);
});
