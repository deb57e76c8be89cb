import { CHORD_LABEL_COUNT, CHORD_QUALITIES } from '../../music/chord-label';
import { ModelLoadError } from '../errors';
import { modelFileNameProblem } from '../model-file';
import { GRAPH_NAMES, type GraphName } from './onnx-network';

/** `models/harmonizer/config.json`, as train/export_harmonizer.py writes it. */
export interface HarmonizerConfig {
  type: 'harmonizer';
  version: number | string;
  vocab: string[];
  specials: { start: string; end: string };
  encoder: { width: number };
  decoder: { layers: number; hidden: number; output: number };
  inputs: { positions: number; barClasses: Record<string, number>; chordLabels: number; chordQualities: number };
  graphs: Record<GraphName, string>;
  metrics?: Record<string, unknown>;
  training?: Record<string, unknown>;
  corpus?: string;
  license?: string;
}

function fail(problem: string): never {
  throw new ModelLoadError(`config.json: ${problem}`);
}

function positive(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) fail(`${what} must be a positive integer (found ${JSON.stringify(value)})`);
  return value;
}

/** Checks a parsed harmonizer config.json; throws ModelLoadError naming the first problem. */
export function validateHarmonizerConfig(raw: unknown): HarmonizerConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail('expected a JSON object');
  const r = raw as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (r.type !== 'harmonizer') fail(`"type" must be "harmonizer" (found ${JSON.stringify(r.type)})`);
  if (!Array.isArray(r.vocab) || r.vocab.length === 0 || r.vocab.some((t: unknown) => typeof t !== 'string')) fail('"vocab" must be a non-empty array of token strings');
  if (new Set(r.vocab).size !== r.vocab.length) fail('"vocab" lists a token twice');
  const specials = r.specials ?? { start: 'START', end: 'END' };
  for (const name of ['start', 'end']) if (!r.vocab.includes(specials[name])) fail(`special token ${name} ${JSON.stringify(specials[name])} is not in the vocab`);
  for (const tok of ['(.)', '|||']) if (!r.vocab.includes(tok)) fail(`the vocab has no ${tok}`);
  positive(r.encoder?.width, 'encoder.width');
  positive(r.decoder?.layers, 'decoder.layers');
  positive(r.decoder?.hidden, 'decoder.hidden');
  positive(r.decoder?.output, 'decoder.output');
  positive(r.inputs?.positions, 'inputs.positions');
  if (r.inputs?.chordLabels !== CHORD_LABEL_COUNT || r.inputs?.chordQualities !== CHORD_QUALITIES.length) {
    fail(`inputs.chordLabels/chordQualities must be ${CHORD_LABEL_COUNT}/${CHORD_QUALITIES.length}, the engine's chord labels (found ${r.inputs?.chordLabels}/${r.inputs?.chordQualities})`);
  }
  if (typeof r.inputs?.barClasses !== 'object' || r.inputs.barClasses === null) fail('inputs.barClasses must map bar lengths to ids');
  const graphs = r.graphs ?? {};
  for (const name of GRAPH_NAMES) {
    if (typeof graphs[name] !== 'string' || graphs[name] === '') fail(`graphs.${name} must name an .onnx file in the model folder`);
    const problem = modelFileNameProblem(graphs[name]);
    if (problem) fail(`graphs.${name} ${problem} (found ${JSON.stringify(graphs[name])})`);
  }
  return { ...r, specials } as HarmonizerConfig;
}
