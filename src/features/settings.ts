/** The extension's settings, read and validated in one place (no vscode import: the source is a getter). */
import { HARMONIZE_STYLES, type HarmonizeStyle } from '../abc/harmonic-rhythm';
import { LIMITS, clampToLimit, describeRange, type LimitName } from '../common/limits';
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

/** Told of a setting that was out of range or of the wrong kind, with what is used instead. */
export type SettingWarning = (key: string, message: string) => void;

/** Each numeric setting, the bound of src/common/limits.ts it keeps (package.json says the same), and its default. */
export const NUMERIC_SETTINGS = {
  'bachbot.completion.delayMs': { limit: 'completionDelayMs', fallback: 50 },
  'bachbot.completion.length': { limit: 'completionBars', fallback: 1 },
  'bachbot.completion.temperature': { limit: 'temperature', fallback: 0.8 },
  'bachbot.harmonize.beamWidth': { limit: 'beamWidth', fallback: 8 },
  'bachbot.harmonize.alternatives': { limit: 'alternatives', fallback: 5 },
} as const satisfies Record<string, { limit: LimitName; fallback: number }>;

type NumericSetting = keyof typeof NUMERIC_SETTINGS;

export function readSettings(get: SettingGetter, workspaceTrusted: boolean, warn: SettingWarning = () => {}): BachbotSettings {
  const modelPath = stringOr(get('bachbot.modelPath'), '').trim();
  const number = (key: NumericSetting) => numberSetting(key, get(key), warn);
  return {
    completion: {
      enabled: booleanOr(get('bachbot.completion.enabled'), true),
      delayMs: number('bachbot.completion.delayMs'),
      lengthBars: number('bachbot.completion.length'),
      temperature: number('bachbot.completion.temperature'),
    },
    harmonize: {
      beamWidth: number('bachbot.harmonize.beamWidth'),
      alternatives: number('bachbot.harmonize.alternatives'),
      style: oneOf(get('bachbot.harmonize.style'), HARMONIZE_STYLES, 'accompaniment'),
    },
    // An unknown name is passed on: loading refuses it with the list of known ones rather than quietly using another.
    executionProvider: stringOr(get('bachbot.executionProvider'), 'cpu') as ExecutionProvider,
    // Restricted Mode: no setting may point the extension at another model file.
    modelPath: workspaceTrusted && modelPath ? modelPath : undefined,
  };
}

/**
 * Reads the settings, logging each setting's warning once until its value changes: settings are read on every
 * keystroke, and a user who fixes a value and breaks it again hears of it again.
 */
export class SettingsReader {
  private readonly logged = new Map<string, string>();

  constructor(private readonly log: (message: string) => void) {}

  read(get: SettingGetter, workspaceTrusted: boolean): BachbotSettings {
    const warnedNow = new Set<string>();
    const settings = readSettings(get, workspaceTrusted, (key, message) => {
      warnedNow.add(key);
      if (this.logged.get(key) === message) return;
      this.logged.set(key, message);
      this.log(message);
    });
    for (const key of [...this.logged.keys()]) if (!warnedNow.has(key)) this.logged.delete(key);
    return settings;
  }
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

/** Settings come from JSON a user edits: a value out of range is clamped (as VS Code users expect), with a warning. */
function numberSetting(key: NumericSetting, value: unknown, warn: SettingWarning): number {
  const { limit: name, fallback } = NUMERIC_SETTINGS[key];
  if (value === undefined) return fallback;
  const limit = LIMITS[name];
  const clamped = typeof value === 'number' ? clampToLimit(limit, value) : undefined;
  if (clamped === undefined) {
    warn(key, `${key} must be ${describeRange(limit)}, not ${JSON.stringify(value)}; using the default ${fallback}`);
    return fallback;
  }
  if (clamped !== value) warn(key, `${key} must be ${describeRange(limit)}, not ${value}; using ${clamped}`);
  return clamped;
}
