/**
 * Fixed harmonizer search inputs for the search regression test (harmonizer-search-fixture.test.ts): a Bach chorale
 * melody at beam 1, 8 and 32; reels, a jig, a modal and a morris tune with chord symbols, as the frames and options
 * that Harmonize Selection hands the search (two of them lead a beam of 8 into a dead end, so the search goes back and tries a stretch wider). Stored in the fixture with the search's output, so that the fixture judges
 * the search alone, whatever becomes of the ABC front end.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAbc } from '../../../src/abc';
import { abcVoiceToFrames } from '../../../src/abc/frames';
import type { ChordLabel } from '../../../src/music/chord-label';
import { choraleSearchKey } from '../../../src/model/harmonizer/chorale-context';
import type { HarmonizerSearchOptions } from '../../../src/model/harmonizer/search';
import { abcMelodySearch, vocabularyRange } from '../../../src/model/tasks/abc-harmonize-options';
import { parseSatb, parseVoiceToken, voiceToken, type Frame } from '../../../src/satb';
import { splitTunes } from '../../../src/eval/validation-set';

export interface SearchCase {
  name: string;
  /** Where the melody came from. */
  source: string;
  beamWidth: number;
  alternatives?: number;
  /** Soprano token per frame, with "^" before it under a fermata. */
  melody: string[];
  options: StoredOptions;
}

/** HarmonizerSearchOptions as JSON: chords as [root, quality, bass?] or null. */
export interface StoredOptions extends Omit<HarmonizerSearchOptions, 'chords' | 'beamWidth' | 'alternatives'> {
  chords?: ([number, ChordLabel['quality']] | [number, ChordLabel['quality'], number] | null)[];
}

export function caseFrames(c: SearchCase): Frame[] {
  return c.melody.map((m) => {
    const fermata = m.startsWith('^');
    const soprano = parseVoiceToken(fermata ? m.slice(1) : m);
    if (!soprano) throw new Error(`bad soprano token ${m}`);
    return { fermata, voices: [soprano, { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] };
  });
}

export function caseOptions(c: SearchCase): HarmonizerSearchOptions {
  const { chords, ...rest } = c.options;
  return {
    ...rest,
    beamWidth: c.beamWidth,
    alternatives: c.alternatives,
    ...(chords ? { chords: chords.map((x) => (x ? { root: x[0], quality: x[1], ...(x.length > 2 ? { bass: x[2] } : {}) } : undefined)) } : {}),
  };
}

function stored(frames: readonly Frame[], options: HarmonizerSearchOptions): Pick<SearchCase, 'melody' | 'options'> {
  const { chords, beamWidth: _w, alternatives: _a, ...rest } = options;
  return {
    melody: frames.map((f) => (f.fermata ? '^' : '') + voiceToken(f.voices[0])),
    options: {
      ...rest,
      ...(chords ? { chords: chords.map((l) => (l ? (l.bass !== undefined ? [l.root, l.quality, l.bass] : [l.root, l.quality]) : null)) } : {}),
    },
  };
}

/** The cases, built from the corpora by the current front end (only when the fixture is written again). */
export function buildCases(corpora: string, vocab: readonly string[]): SearchCase[] {
  const cases: SearchCase[] = [];
  const chorale = parseSatb(readFileSync(join(corpora, 'bach-chorales', 'chor001.satb'), 'utf8')).chorale;
  const key = choraleSearchKey(chorale.meta);
  const melody = chorale.frames.map((f) => ({ ...f, voices: [f.voices[0], { kind: 'slot' as const }, { kind: 'slot' as const }, { kind: 'slot' as const }] }));
  for (const beamWidth of [1, 8, 32]) {
    cases.push({ name: `chorale beam ${beamWidth}`, source: 'bach-chorales/chor001.satb, soprano only', beamWidth, ...stored(melody, { context: key.context, toSounding: key.toSounding }) });
  }
  const range = vocabularyRange(vocab);
  const tune = (file: string, n: number) => {
    const text = splitTunes(readFileSync(join(corpora, file), 'utf8'))[n - 1];
    return abcMelodySearch(abcVoiceToFrames(parseAbc(text).tunes[0]), range, 'accompaniment');
  };
  const abc: [string, string, number, number, number?][] = [
    ['reel with chord symbols', 'nottingham/reelsa-c.abc', 44, 8, 2],
    ['jig with chord symbols', 'nottingham/jigs.abc', 172, 8],
    ['A mixolydian old-time tune', 'tunebooks/old-time-tunebook.abc', 2, 8],
    // Their first search breaks rules, so they are searched again at beam 32: to the end, and given up early.
    ['reel with a dead end at beam 8', 'nottingham/reelsh-l.abc', 69, 8],
    ['morris tune with a dead end at beam 8', 'nottingham/morris.abc', 19, 8],
  ];
  for (const [name, file, n, beamWidth, alternatives] of abc) {
    const s = tune(file, n);
    cases.push({ name, source: `${file}#${n}, Harmonize Selection's search input (accompaniment)`, beamWidth, ...(alternatives ? { alternatives } : {}), ...stored(s.frames, s.options) });
  }
  return cases;
}
