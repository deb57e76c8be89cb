/**
 * The bounds of every number a user or a caller may tune: the CLI refuses a flag outside them, the settings are
 * clamped to them (package.json's minimum and maximum are these), and the engine's entry points refuse options
 * outside them, so that no caller can ask for a search that would take the machine's memory.
 */

export interface Limit {
  /** What the number is, for messages ("beam width"). */
  readonly what: string;
  readonly min: number;
  /** Infinity only where it has a meaning of its own (contextTokens: read the whole document). */
  readonly max: number;
  readonly integer: boolean;
}

export const LIMITS = {
  /** Beams kept at each step of a harmonization. */
  beamWidth: { what: 'beam width', min: 1, max: 64, integer: true },
  /** Harmonizations returned, best first. */
  alternatives: { what: 'alternatives', min: 1, max: 20, integer: true },
  /** Distinct completions asked for. */
  suggestions: { what: 'number of suggestions', min: 1, max: 20, integer: true },
  /** ABC completion: bars written after the current one (0: finish the current bar). */
  continueBars: { what: 'bars to write after the current one', min: 0, max: 32, integer: true },
  /** `.satb` completion: frames (sixteenths) written, the current unfinished one counted. */
  continueFrames: { what: 'frames to write', min: 1, max: 512, integer: true },
  temperature: { what: 'temperature', min: 0.05, max: 2, integer: false },
  topP: { what: 'top-p', min: 0.01, max: 1, integer: false },
  seed: { what: 'seed', min: 0, max: 0xffffffff, integer: true },
  /** Tokens of the document a completion reads before the cursor; Infinity: all of it (the bench's cold encode). */
  contextTokens: { what: 'context tokens', min: 16, max: Infinity, integer: true },
  /** Ghost text: milliseconds after the last keystroke before the model is asked. */
  completionDelayMs: { what: 'completion delay (ms)', min: 0, max: 2000, integer: false },
  /** Ghost text: bars proposed (an ABC bar, or a chorale's bar of frames). */
  completionBars: { what: 'completion length (bars)', min: 1, max: 8, integer: true },
  /** Benchmark and evaluation runs: requests timed, validation pieces harmonized, tunes sampled. */
  benchRequests: { what: 'requests', min: 1, max: 100_000, integer: true },
  evalPieces: { what: 'pieces', min: 1, max: 100_000, integer: true },
  evalTunes: { what: 'tunes', min: 1, max: 100_000, integer: true },
} as const satisfies Record<string, Limit>;

export type LimitName = keyof typeof LIMITS;

/** "an integer from 1 to 64", "a number from 0.05 to 2", "an integer of at least 16". */
export function describeRange(limit: Limit): string {
  const kind = limit.integer ? 'an integer' : 'a number';
  return limit.max === Infinity ? `${kind} of at least ${limit.min} (or Infinity)` : `${kind} from ${limit.min} to ${limit.max}`;
}

/** Why `value` is refused for `limit`, or undefined when it is within it. */
export function limitProblem(limit: Limit, value: unknown): string | undefined {
  if (typeof value !== 'number' || Number.isNaN(value)) return `must be ${describeRange(limit)}`;
  if (value === Infinity && limit.max === Infinity) return undefined;
  if (!Number.isFinite(value) || value < limit.min || value > limit.max || (limit.integer && !Number.isInteger(value))) {
    return `must be ${describeRange(limit)}`;
  }
  return undefined;
}

/** The nearest value within `limit` (integers rounded); undefined for what is not a number at all. */
export function clampToLimit(limit: Limit, value: number): number | undefined {
  if (Number.isNaN(value)) return undefined;
  const rounded = limit.integer && Number.isFinite(value) ? Math.round(value) : value;
  return Math.min(limit.max, Math.max(limit.min, rounded));
}

/** The longest piece, in sixteenths, that MIDI import reads, MIDI export writes and the harmonizer takes as a melody:
 * 2,048 bars of 4/4, about 17 minutes at ♩ = 120; far beyond a chorale or a tune, small enough to keep memory bounded. */
export const MAX_PIECE_SIXTEENTHS = 32_768;

/** "32,768 sixteenths (2,048 bars of 4/4)", for messages. */
export const MAX_PIECE_TEXT = `${MAX_PIECE_SIXTEENTHS.toLocaleString('en-US')} sixteenths (${(MAX_PIECE_SIXTEENTHS / 16).toLocaleString('en-US')} bars of 4/4)`;
