/** The extension's settings, read and validated in one place (no vscode import: the source is a getter). */
import { HARMONIZE_STYLES, type HarmonizeStyle } from '../abc/harmonic-rhythm';
import type { ProviderRequest } from '../model/runtime/providers';

export type ExecutionProvider = ProviderRequest;

export interface BachbotSettings {
  completion: { enabled: boolean; delayMs: number; lengthBars: number; temperature: number };
  harmonize: { beamWidth: number; alternatives: number; style: HarmonizeStyle };
  executionProvider: ExecutionProvider;
  /** Folder of models to use instead of the bundled ones; only ever set in a trusted workspace. */
  modelPath?: string;
}

/** Reads one setting by its full key (`bachbot.completion.enabled`); undefined when unset. */
export type SettingGetter = (key: string) => unknown;

export function readSettings(get: SettingGetter, workspaceTrusted: boolean): BachbotSettings {
  const modelPath = stringOr(get('bachbot.modelPath'), '').trim();
  return {
    completion: {
      enabled: booleanOr(get('bachbot.completion.enabled'), true),
      delayMs: numberIn(get('bachbot.completion.delayMs'), 0, 2000, 50),
      lengthBars: Math.round(numberIn(get('bachbot.completion.length'), 1, 8, 1)),
      temperature: numberIn(get('bachbot.completion.temperature'), 0.05, 2, 0.8),
    },
    harmonize: {
      beamWidth: Math.round(numberIn(get('bachbot.harmonize.beamWidth'), 1, 64, 8)),
      alternatives: Math.round(numberIn(get('bachbot.harmonize.alternatives'), 1, 20, 5)),
      style: oneOf(get('bachbot.harmonize.style'), HARMONIZE_STYLES, 'accompaniment'),
    },
    // An unknown name is passed on: loading refuses it with the list of known ones rather than quietly using another.
    executionProvider: stringOr(get('bachbot.executionProvider'), 'cpu') as ExecutionProvider,
    // Restricted Mode: no setting may point the extension at another model file.
    modelPath: workspaceTrusted && modelPath ? modelPath : undefined,
  };
}

/** Bar lines the ghost text may hold for an engine `maxBars` (the current bar's closing one, then one per bar). */
export function barLinesFor(maxBars: number | undefined): number | undefined {
  return maxBars === undefined ? undefined : maxBars + 1;
}

function booleanOr(value: unknown, fallback: boolean): boolean {
  return typeof value === 'boolean' ? value : fallback;
}

function stringOr(value: unknown, fallback: string): string {
  return typeof value === 'string' ? value : fallback;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function numberIn(value: unknown, min: number, max: number, fallback: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, value));
}
