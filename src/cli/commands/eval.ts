import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { abcValidityFigures } from '../../eval/abc-validity';
import { crossEntropy } from '../../eval/cross-entropy';
import { folkHarmonizationFigures, type FolkTune } from '../../eval/folk-harmonization';
import { harmonizationFigures } from '../../eval/harmonization';
import { CHORALE_VIEWS } from '../../model/harmonizer/transposed-views';
import { CORPUS_FOLDERS, corpusPieces, splitTunes, toIds, validationPieces, type CorpusKind } from '../../eval/validation-set';
import { loadHarmonizer, loadModel, type LoadedModel } from '../../model';
import type { Chorale } from '../../satb';
import { packageModelsDir } from '../../model/model-dir';
import { resolveCorporaDir } from '../bench-tokenizers';
import { LIMITS } from '../../common/limits';
import { numberFlag, numberListFlag, parseArgs, type CliCommand } from '../command';
import { decodeNotationBytes } from '../notation-file';

const USAGE = `usage: bachbot eval [--models DIR] [--satb DIR] [--abc DIR] [--harmonizer DIR] [--corpora DIR] [--only satb|abc|folk] [--beams 1,8,32] [--pieces N] [--tunes 200]
  Prints one JSON object per line: validation cross-entropy of each shipped model recomputed from model.onnx
  (checked against config.json), the satb model's training record, harmonization figures on the validation
  chorales for each beam width (the chorale model's left-to-right search beside the harmonizer's), the share of valid ABC tunes and continuations sampled from the abc model, and the harmonizer's figures on folk tunes (the Nottingham validation tunes and the tunebooks in corpora/tunebooks): refusals, chord tones and the bass at chord symbols, parallels, closing chords, whether the melody plays as before.
  A quick run: --beams 1,8 --pieces 10`;

/** Eval's loss must reproduce config.json's (PyTorch's) to this many nats. */
const LOSS_TOLERANCE = 1e-3;

function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

interface EvalCounts {
  beams: number[];
  /** Validation chorales harmonized (all of them when absent). */
  pieces?: number;
  tunes: number;
}

/** The numbers of the command line, checked before any model loads. */
function evalCounts(flags: Map<string, string>): EvalCounts {
  return {
    beams: numberListFlag(flags, 'beams', LIMITS.beamWidth, [1, 8, 32]),
    pieces: numberFlag(flags, 'pieces', LIMITS.evalPieces, undefined),
    tunes: numberFlag(flags, 'tunes', LIMITS.evalTunes, 200),
  };
}

async function evaluateModel(kind: CorpusKind, model: LoadedModel, corpora: string, flags: Map<string, string>, counts: EvalCounts): Promise<boolean> {
  const pieces = validationPieces(corpusPieces(join(corpora, CORPUS_FOLDERS[kind]), kind));
  const started = Date.now();
  const loss = await crossEntropy(model.stepper, pieces.map((p) => toIds(p, (t) => model.vocab.id(t))));
  const recorded = (model.config as { metrics?: { valid_loss_nats?: number } }).metrics?.valid_loss_nats;
  const matches = recorded !== undefined && Math.abs(loss.nats - recorded) <= LOSS_TOLERANCE;
  emit({ model: kind, figure: 'valid_loss_nats', value: round(loss.nats), config_json: recorded, matches, pieces: pieces.length,
    tokens: loss.tokens, seconds: (Date.now() - started) / 1000 });
  const training = (model.config as { training?: { device?: string; seconds?: number; epochs?: number } }).training;
  emit({ model: kind, figure: 'training', device: training?.device, seconds: training?.seconds, epochs: training?.epochs });

  if (kind === 'satb') {
    const chorales = pieces.slice(0, counts.pieces ?? pieces.length).map((p) => p.chorale!);
    const { beams } = counts;
    for (const beamWidth of beams) {
      const f = await harmonizationFigures(model, chorales, beamWidth);
      emit({ model: kind, figure: 'harmonization', search: 'chorale model, left to right', ...roundAll(f) });
    }
    await evaluateHarmonizer(flags.get('harmonizer') ?? join(flags.get('models') ?? packageModelsDir(), 'harmonizer'), chorales, beams);
  } else {
    const { tunes } = counts;
    const texts = pieces.map((p) => p.text!);
    for (const task of ['tune', 'continuation'] as const) {
      emit({ model: kind, figure: 'abc_validity', ...roundAll(await abcValidityFigures(model, texts, task, tunes)) });
    }
  }
  return matches;
}

/** The harmonizer beside the chorale model on the same validation chorales: figures, size, and time for 16 bars. */
async function evaluateHarmonizer(dir: string, chorales: Chorale[], beams: number[]): Promise<void> {
  if (!existsSync(join(dir, 'config.json'))) {
    emit({ model: 'harmonizer', skipped: `no harmonizer at ${dir}` });
    return;
  }
  const model = await loadHarmonizer(dir);
  try {
    const metrics = model.config.metrics as { valid_loss_nats?: number; valid_loss_with_labels_nats?: number } | undefined;
    const bytes = Object.values(model.config.graphs).reduce((n, g) => n + statSync(join(dir, g)).size, 0);
    const training = model.config.training as { device?: string; seconds?: number; epochs?: number; hyperparameters?: unknown } | undefined;
    emit({ model: 'harmonizer', figure: 'model', parameters: (model.config as { parameters?: number }).parameters, onnx_mb: round(bytes / 1e6),
      valid_loss_nats: metrics?.valid_loss_nats, valid_loss_with_labels_nats: metrics?.valid_loss_with_labels_nats,
      device: training?.device, training_seconds: training?.seconds, epochs: training?.epochs });
    const searches = [
      { search: 'harmonizer, whole melody, voice-leading rules, the melody as written', views: [0] },
      { search: `harmonizer, the same, heard at ${CHORALE_VIEWS.join(', ')} semitones (Harmonize Selection on chorales)`, views: CHORALE_VIEWS },
    ];
    for (const { search, views } of searches) {
      for (const beamWidth of beams) {
        const f = await harmonizationFigures(model, chorales, beamWidth, { views });
        emit({ model: 'harmonizer', figure: 'harmonization', search, views, ...roundAll(f) });
      }
    }
    const sixteenBars = chorales.find((c) => c.frames.length >= 256) ?? chorales[0];
    for (const beamWidth of beams) {
      const started = performance.now();
      await harmonizationFigures(model, [{ ...sixteenBars, frames: sixteenBars.frames.slice(0, 256) }], beamWidth);
      emit({ model: 'harmonizer', figure: 'seconds_16_bars', beamWidth, seconds: round((performance.now() - started) / 1000), ...(beamWidth === 8 ? { target_s: 1 } : {}) });
    }
  } finally {
    await model.dispose();
  }
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;
function roundAll<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v])) as T;
}

export const evaluate: CliCommand = {
  summary: 'figures of the shipped models: validation loss, harmonization vs Bach, validity of sampled ABC',
  usage: USAGE,
  async run(args) {
    const { flags } = parseArgs(args, { command: 'eval', flags: ['models', 'satb', 'abc', 'harmonizer', 'corpora', 'only', 'beams', 'pieces', 'tunes'] });
    const counts = evalCounts(flags);
    const modelsDir = flags.get('models') ?? packageModelsDir();
    const corpora = resolveCorporaDir(flags.get('corpora'));
    if (!existsSync(corpora)) {
      process.stderr.write(`bachbot eval: corpora not found at ${corpora} (pass --corpora DIR or set BACHBOT_CORPORA)\n`);
      return 2;
    }
    const only = flags.get('only');
    if (only !== undefined && !['satb', 'abc', 'folk'].includes(only)) {
      process.stderr.write(`bachbot eval: --only wants satb, abc or folk, got '${only}'\n`);
      return 2;
    }
    const kinds = (only ? [only] : ['satb', 'abc']).filter((k) => k !== 'folk') as CorpusKind[];
    let ok = true;
    for (const kind of kinds) {
      const dir = flags.get(kind) ?? join(modelsDir, kind);
      let model: LoadedModel;
      try {
        model = await loadModel(dir, { expectedType: kind });
      } catch (err) {
        emit({ model: kind, error: err instanceof Error ? err.message : String(err) });
        ok = false;
        continue;
      }
      try {
        ok = (await evaluateModel(kind, model, corpora, flags, counts)) && ok;
      } catch (err) {
        emit({ model: kind, error: err instanceof Error ? err.message : String(err) });
        ok = false;
      } finally {
        await model.dispose();
      }
    }
    if (only === undefined || only === 'folk') {
      await evaluateFolk(flags.get('harmonizer') ?? join(modelsDir, 'harmonizer'), corpora);
    }
    return ok ? 0 : 1;
  },
};

/** The harmonizer on folk tunes: the Nottingham validation tunes, and each tunebook of corpora/tunebooks. */
async function evaluateFolk(dir: string, corpora: string): Promise<void> {
  if (!existsSync(join(dir, 'config.json'))) {
    emit({ model: 'harmonizer', figure: 'folk', skipped: `no harmonizer at ${dir}` });
    return;
  }
  const sets: { set: string; tunes: FolkTune[] }[] = [
    { set: 'nottingham validation', tunes: validationPieces(corpusPieces(join(corpora, CORPUS_FOLDERS.abc), 'abc')).map((p) => ({ name: p.name, text: p.text! })) },
  ];
  const books = join(corpora, 'tunebooks');
  if (existsSync(books)) {
    for (const file of readdirSync(books).filter((f) => f.endsWith('.abc')).sort()) {
      const text = decodeNotationBytes(readFileSync(join(books, file)), 'abc').text;
      sets.push({ set: file, tunes: splitTunes(text).map((t, i) => ({ name: `${file}#${i + 1}`, text: t })) });
    }
  }
  const model = await loadHarmonizer(dir);
  try {
    for (const { set, tunes } of sets) {
      const f = await folkHarmonizationFigures(model, tunes, { beamWidth: 8 });
      emit({ model: 'harmonizer', figure: 'folk', set, ...roundAll(f), reel: f.reel && roundAll(f.reel), reel_target_s: 1 });
    }
  } finally {
    await model.dispose();
  }
}
