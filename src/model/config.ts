import type { NotationLanguage } from '../notation/types';
import { TUNE_END, TUNE_START } from '../abc/model-tokens';
import { END_TOKEN, START_TOKEN } from '../satb/tokens';
import { ModelLoadError } from './errors';
import { modelFileNameProblem } from './model-file';

/** A language model reads and writes one notation. */
export type ModelType = NotationLanguage;

/** `models/<name>/config.json`, as train/ writes it (the fields the engine relies on are checked). */
export interface ModelConfig {
  type: ModelType;
  version: number | string;
  vocab: string[];
  specials: { start: string; end: string; [name: string]: string };
  layers: number;
  hidden: number;
  embedding: number;
  /** Files of the folder holding the graphs (default model.onnx and prefix.onnx). */
  graphs?: { step?: string; prefix?: string };
  metrics?: Record<string, unknown>;
  training?: Record<string, unknown>;
  corpus?: string;
  license?: string;
}

/** The tokens that open and close a piece in each notation's token language (the corpus writes them too). */
export const DEFAULT_SPECIALS: Record<ModelType, { start: string; end: string }> = {
  satb: { start: START_TOKEN, end: END_TOKEN },
  abc: { start: TUNE_START, end: TUNE_END },
};

function fail(problem: string): never {
  throw new ModelLoadError(`config.json: ${problem}`);
}

/** Sizes past these are no LSTM this engine runs; a state of layers x hidden is allocated per beam. */
const MAX_LAYERS = 64;
const MAX_WIDTH = 16384;

function positiveInteger(raw: Record<string, unknown>, key: string, max: number): number {
  const v = raw[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > max) fail(`"${key}" must be a positive integer of at most ${max} (found ${JSON.stringify(v)})`);
  return v;
}

function graphNames(raw: unknown): ModelConfig['graphs'] {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('"graphs" must be an object like {"step": "model.onnx"}');
  const graphs = raw as Record<string, unknown>;
  for (const key of ['step', 'prefix']) {
    const name = graphs[key];
    if (name === undefined) continue;
    if (typeof name !== 'string') fail(`graphs.${key} must name an .onnx file in the model folder (found ${JSON.stringify(name)})`);
    const problem = modelFileNameProblem(name);
    if (problem) fail(`graphs.${key} ${problem} (found ${JSON.stringify(name)})`);
  }
  return graphs as ModelConfig['graphs'];
}

/** Checks a parsed config.json; throws ModelLoadError naming the first problem. */
export function validateConfig(raw: unknown, expectedType?: ModelType): ModelConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a JSON object');
  const r = raw as Record<string, unknown>;
  if (r.type !== 'satb' && r.type !== 'abc') fail(`"type" must be "satb" or "abc" (found ${JSON.stringify(r.type)})`);
  const type = r.type;
  if (expectedType && type !== expectedType) fail(`this is a "${type}" model, but a "${expectedType}" model is needed`);
  if (!Array.isArray(r.vocab) || r.vocab.length === 0) fail('"vocab" must be a non-empty array of token strings');
  const vocab = r.vocab as unknown[];
  const seen = new Set<string>();
  vocab.forEach((t, i) => {
    if (typeof t !== 'string' || t.length === 0) fail(`vocab[${i}] is not a token string (${JSON.stringify(t)})`);
    if (seen.has(t)) fail(`vocab has "${t}" twice (again at index ${i})`);
    seen.add(t);
  });
  const specialsRaw = r.specials ?? DEFAULT_SPECIALS[type];
  if (typeof specialsRaw !== 'object' || specialsRaw === null) fail('"specials" must be an object like {"start": ..., "end": ...}');
  const specials = { ...DEFAULT_SPECIALS[type], ...(specialsRaw as Record<string, string>) };
  for (const [name, tok] of Object.entries(specials)) {
    if (typeof tok !== 'string') fail(`specials.${name} must be a token string`);
    if (!seen.has(tok)) fail(`special token ${name} "${tok}" is not in the vocab`);
  }
  return {
    ...(r as object),
    type,
    version: (r.version as number | string) ?? 0,
    vocab: vocab as string[],
    specials,
    layers: positiveInteger(r, 'layers', MAX_LAYERS),
    hidden: positiveInteger(r, 'hidden', MAX_WIDTH),
    embedding: positiveInteger(r, 'embedding', MAX_WIDTH),
    graphs: graphNames(r.graphs),
  } as ModelConfig;
}
