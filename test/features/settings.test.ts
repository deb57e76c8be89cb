// Issue 13, row 9: the settings keep the bounds of src/common/limits.ts; package.json's minimum and maximum say the
// same; a value out of range is clamped with a warning, once per value (settings are read on every keystroke).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { LIMITS } from '../../src/common/limits';
import { NUMERIC_SETTINGS, SettingsReader, readSettings } from '../../src/features/settings';
import { notationOf } from '../../src/notation';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));
const properties: Record<string, { type: string; minimum?: number; maximum?: number; default?: unknown }> = manifest.contributes.configuration.properties;

test('package.json gives every numeric setting the minimum, maximum, kind and default of the limits module', () => {
  const numeric = Object.keys(properties).filter((k) => properties[k].type === 'number' || properties[k].type === 'integer');
  assert.deepEqual(numeric.sort(), Object.keys(NUMERIC_SETTINGS).sort(), 'every numeric setting has its bound in NUMERIC_SETTINGS');
  for (const [key, { limit, fallback }] of Object.entries(NUMERIC_SETTINGS)) {
    const bound = LIMITS[limit];
    const p = properties[key];
    assert.equal(p.minimum, bound.min, `${key} minimum`);
    assert.equal(p.maximum, bound.max, `${key} maximum`);
    assert.equal(p.type, bound.integer ? 'integer' : 'number', `${key} type`);
    assert.equal(p.default, fallback, `${key} default`);
  }
});

test('the ghost text the settings allow fits the engine bounds', () => {
  const bars = LIMITS.completionBars.max;
  assert.ok(notationOf('abc').lengthFor(bars, '', 0).maxBars! <= LIMITS.continueBars.max);
  assert.equal(notationOf('satb').lengthFor(bars, '% meter: 4/4\nSTART\n', 0).maxFrames, bars * 16);
  // A long meter asks for fewer bars, not more frames than the engine writes.
  assert.equal(notationOf('satb').lengthFor(bars, '% meter: 99/4\nSTART\n', 0).maxFrames, LIMITS.continueFrames.max);
});

test('settings out of range are clamped, other kinds replaced by the default, each with a warning naming the setting and range', () => {
  const values: Record<string, unknown> = {
    'bachbot.harmonize.beamWidth': 1_000_000,
    'bachbot.harmonize.alternatives': 0,
    'bachbot.completion.temperature': -1,
    'bachbot.completion.length': 2.6,
    'bachbot.completion.delayMs': 'soon',
  };
  const warnings: [string, string][] = [];
  const s = readSettings((k) => values[k], true, (key, message) => warnings.push([key, message]));
  assert.equal(s.harmonize.beamWidth, 64);
  assert.equal(s.harmonize.alternatives, 1);
  assert.equal(s.completion.temperature, 0.05);
  assert.equal(s.completion.lengthBars, 3);
  assert.equal(s.completion.delayMs, 50);
  assert.deepEqual(warnings, [
    ['bachbot.completion.delayMs', 'bachbot.completion.delayMs must be a number from 0 to 2000, not "soon"; using the default 50'],
    ['bachbot.completion.length', 'bachbot.completion.length must be an integer from 1 to 8, not 2.6; using 3'],
    ['bachbot.completion.temperature', 'bachbot.completion.temperature must be a number from 0.05 to 2, not -1; using 0.05'],
    ['bachbot.harmonize.beamWidth', 'bachbot.harmonize.beamWidth must be an integer from 1 to 64, not 1000000; using 64'],
    ['bachbot.harmonize.alternatives', 'bachbot.harmonize.alternatives must be an integer from 1 to 20, not 0; using 1'],
  ]);
  const quiet: string[] = [];
  readSettings((k) => properties[k]?.default, true, (_, m) => quiet.push(m));
  assert.deepEqual(quiet, [], 'the defaults raise no warning');
});

test('a setting out of range is logged once while it stays so, and again after it was fixed and broken anew', () => {
  const logged: string[] = [];
  const reader = new SettingsReader((m) => logged.push(m));
  const values: Record<string, unknown> = { 'bachbot.harmonize.beamWidth': 100 };
  const get = (k: string) => values[k];
  for (let i = 0; i < 3; i++) assert.equal(reader.read(get, true).harmonize.beamWidth, 64);
  assert.equal(logged.length, 1);
  values['bachbot.harmonize.beamWidth'] = 200;
  reader.read(get, true);
  values['bachbot.harmonize.beamWidth'] = 16;
  assert.equal(reader.read(get, true).harmonize.beamWidth, 16);
  values['bachbot.harmonize.beamWidth'] = 200;
  reader.read(get, true);
  assert.deepEqual(logged, [
    'bachbot.harmonize.beamWidth must be an integer from 1 to 64, not 100; using 64',
    'bachbot.harmonize.beamWidth must be an integer from 1 to 64, not 200; using 64',
    'bachbot.harmonize.beamWidth must be an integer from 1 to 64, not 200; using 64',
  ]);
});
