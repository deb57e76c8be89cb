import { isMinorish, semitonesToReference } from '../../music';
import { parseKeyMeta, type SatbMeta } from '../../satb';
import { barFrames } from '../../satb/harmony-analysis';
import type { MelodyContext } from './search';

export interface ChoraleSearchKey {
  context: MelodyContext;
  /** Semitones that take the chorale's written pitches to C major / A minor (0 for the corpus, already there). */
  toSearch: number;
  /** Semitones from the search's pitches to the sounding ones. */
  toSounding: number;
}

/**
 * A chorale's meter, pickup and mode from its `%` lines, and how its pitches relate to the harmonizer's C major / A
 * minor: a corpus chorale ("G major, transposed by +5 semitones to C major") is there already and sounds 5 semitones
 * lower; a chorale written in its own key ("G major") is moved there for the search, by the smaller move.
 */
export function choraleSearchKey(meta: SatbMeta): ChoraleSearchKey {
  const key = parseKeyMeta(meta.key);
  const minor = key ? isMinorish(key.original.mode) : false;
  const context: MelodyContext = { barLength: barFrames(meta.meter), pickup: meta.pickup ?? 0, minor };
  if (!key) return { context, toSearch: 0, toSounding: 0 };
  if (/transposed by/i.test(meta.key ?? '')) return { context, toSearch: 0, toSounding: -key.shift };
  const move = semitonesToReference(key.original);
  return { context, toSearch: move, toSounding: -move };
}

