import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import abcjs from 'abcjs';
import { decodeAbc } from '../../src/abc/charset';
import type { AbcTune } from '../../src/abc/types';
import { corporaDir } from './helpers';

export interface Tunebook {
  name: string;
  text: string;
}

/**
 * The tunebooks to test on: the .abc files of $BACHBOT_TUNEBOOKS (a folder) when set, else the shared old-time
 * tunebook and the hand-made ones. Each is decoded as it declares (`%%abc-charset`).
 */
export function tunebooks(): Tunebook[] {
  const dir = process.env.BACHBOT_TUNEBOOKS ?? join(corporaDir(), 'tunebooks');
  if (!existsSync(dir)) throw new Error(`tunebooks not found at ${dir}; set BACHBOT_TUNEBOOKS`);
  const dirs = process.env.BACHBOT_TUNEBOOKS ? [dir] : [dir, HANDMADE];
  return dirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => f.endsWith('.abc'))
      .sort()
      .map((name) => ({ name, text: decodeAbc(readFileSync(join(d, name))).text })),
  );
}

/** Tunebooks written for these tests, one habit of real tunebooks per tune (test/fixtures/tunebooks). */
const HANDMADE = join(__dirname, '../fixtures/tunebooks');

export interface AbcjsTune {
  warnings?: string[];
  lines: { staff?: { voices: { el_type: string; pitches?: { pitch: number }[]; midiPitches?: { pitch: number }[] }[][] }[] }[];
}

/** abcjs's reading of each of our tunes (abcjs splits a file at X: lines as we do; matched by order). */
export function abcjsTunes(text: string, tunes: AbcTune[]): AbcjsTune[] {
  const parsed = abcjs.parseOnly(text) as AbcjsTune[];
  if (parsed.length !== tunes.length) {
    // Read tune by tune where the two splits differ.
    return tunes.map((t) => (abcjs.parseOnly(text.slice(t.start, t.end)) as AbcjsTune[])[0]);
  }
  return parsed;
}
