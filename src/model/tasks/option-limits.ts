import { LIMITS, limitProblem, type LimitName } from '../../common/limits';
import { EngineInputError } from '../errors';
import type { CompletionOptions } from './complete';
import type { HarmonizeOptions } from './harmonize';

/** Which bound of LIMITS each numeric option keeps. */
export const COMPLETION_OPTION_LIMITS: Record<keyof Omit<CompletionOptions, never>, LimitName> = {
  n: 'suggestions',
  temperature: 'temperature',
  topP: 'topP',
  seed: 'seed',
  maxBars: 'continueBars',
  maxFrames: 'continueFrames',
  contextTokens: 'contextTokens',
};

export const HARMONIZE_OPTION_LIMITS: Partial<Record<keyof HarmonizeOptions, LimitName>> = {
  beamWidth: 'beamWidth',
  alternatives: 'alternatives',
};

/** Refuses, with an EngineInputError naming the option and its range, any option outside its bound; absent ones take their defaults. */
export function checkOptionLimits<T extends object>(options: T, bounds: Partial<Record<keyof T, LimitName>>): void {
  for (const [key, name] of Object.entries(bounds) as [string, LimitName][]) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const problem = limitProblem(LIMITS[name], value);
    if (problem) throw new EngineInputError(`${key} (${LIMITS[name].what}) ${problem}; got ${typeof value === 'number' ? value : JSON.stringify(value)}`);
  }
}
