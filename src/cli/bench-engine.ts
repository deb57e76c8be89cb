// Engine figures for `npm run bench`: decoding rate, completion latency (cold and warm), harmonization time.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { abcBarState } from '../abc';
import { AbcGrammar, DEFAULT_CONTEXT_TOKENS, SatbGrammar, complete, defaultModelDir, encodePrefix, harmonize, loadHarmonizer, loadModel, zeroState, type Grammar, type HarmonizingModel, type LoadedModel, type ModelKind, type ModelType } from '../model';
import { sampleContinuations } from '../model/decoding/continuations';
import { boundFigures, overlongMelodyFigure } from './bench-bounds';
import { reelSeconds } from './bench-harmonizer-tunes';
import { parseSatb, type Frame } from '../satb';
import { packageModelsDir } from '../model/model-dir';
import { gpuCandidates, type ProviderRequest } from '../model/runtime/providers';
import { CHORALE_VIEWS } from '../model/harmonizer/transposed-views';

export interface BenchEngineOptions {
  requests?: number;
  coldRequests?: number;
  provider?: ProviderRequest;
  /** Model directories to measure instead of the default search. */
  modelDirs?: Partial<Record<ModelKind, string>>;
}

function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

export function machineName(): string {
  const cpu = cpus();
  return `${hostname()} / ${cpu[0]?.model.trim() ?? 'unknown CPU'} / ${cpu.length} cores`;
}

/** The shipped model if present, else the tiny test fixture, else the engine's random-weight fixture. */
function modelDirFor(type: ModelType): { dir: string; which: string } | undefined {
  const root = resolve(packageModelsDir(), '..');
  const options = [
    { dir: join(packageModelsDir(), type), which: `shipped models/${type}` },
    { dir: join(root, 'test', 'fixtures', 'models', `tiny-${type}`), which: `tiny fixture test/fixtures/models/tiny-${type} (no shipped model)` },
    { dir: join(root, 'test', 'model', 'fixtures', `random-${type}`), which: `random-weight engine fixture random-${type} (no trained model)` },
  ];
  return options.find((o) => existsSync(join(o.dir, 'model.onnx')));
}

function corporaDir(): string | undefined {
  const dir = process.env.BACHBOT_CORPORA ?? resolve(packageModelsDir(), '..', '..', 'shared', 'corpora');
  return existsSync(dir) ? dir : undefined;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

interface LatencyFigures {
  bench: string;
  requests: number;
  p50_ms: number;
  p95_ms: number;
  max_ms: number;
}

function latencyRecord(what: string, times: number[]): LatencyFigures {
  const s = [...times].sort((a, b) => a - b);
  return { bench: what, requests: s.length, p50_ms: +percentile(s, 0.5).toFixed(1), p95_ms: +percentile(s, 0.95).toFixed(1), max_ms: +s[s.length - 1].toFixed(1) };
}

async function decodingRate(model: LoadedModel, batch: number, steps: number): Promise<number> {
  const { stepper } = model;
  let state = zeroState(stepper.layers, stepper.hidden, batch);
  const ids = new Array<number>(batch).fill(model.vocab.startId);
  const V = stepper.vocabSize;
  const t = performance.now();
  for (let i = 0; i < steps; i++) {
    const out = await stepper.step(ids, state);
    state = out.state;
    for (let b = 0; b < batch; b++) {
      let best = 0;
      for (let v = 1; v < V; v++) if (out.logits[b * V + v] > out.logits[b * V + best]) best = v;
      ids[b] = best;
    }
  }
  return (steps * batch) / ((performance.now() - t) / 1000);
}

/** Tokens per second of one sequence sampled under its grammar (the real completion path, minus the prefix). */
async function constrainedRate(model: LoadedModel, tokens: number): Promise<number> {
  const prefix = await encodePrefix(model, [model.vocab.startId, ...(model.type === 'abc' ? abcHeadIds(model) : [])], () => false);
  const grammar = model.type === 'satb' ? new SatbGrammar(model.vocab) : new AbcGrammar(model.vocab);
  const start = grammar instanceof SatbGrammar ? grammar.initial() : grammar.start(abcBarState(['<tune>', 'M:6/8', 'L:1/8', 'K:G']), 'K:G', Number.POSITIVE_INFINITY);
  const t = performance.now();
  const [row] = await sampleContinuations(model, prefix, {
    grammar: grammar as Grammar<unknown>,
    start,
    rows: 1,
    sampling: { temperature: 1, topP: 0.95 },
    seed: 1,
    greedyFirstRow: false,
    maxTokens: tokens,
  });
  return row.ids.length / ((performance.now() - t) / 1000);
}

function abcHeadIds(model: LoadedModel): number[] {
  return ['M:6/8', 'L:1/8', 'K:G'].map((t) => model.vocab.id(t)).filter((id): id is number => id !== undefined);
}

/** A chorale of at least `frames` frames: corpus chorales one after another (or a made-up scale). */
function longChorale(frames: number): string {
  const dir = corporaDir();
  const lines: string[] = [];
  if (dir && existsSync(join(dir, 'bach-chorales'))) {
    for (const f of readdirSync(join(dir, 'bach-chorales')).filter((n) => n.endsWith('.satb')).sort()) {
      for (const fr of parseSatb(readFileSync(join(dir, 'bach-chorales', f), 'utf8')).chorale.frames) {
        lines.push(`${fr.fermata ? '(.) ' : ''}${fr.voices.map((v) => (v.kind === 'note' ? `(${v.pitch},${v.held ? 'True' : 'False'})` : '(r)')).join(' ')} |||`);
      }
      if (lines.length >= frames) break;
    }
  }
  while (lines.length < frames) lines.push(`(${72 + (lines.length % 5)},False) (67,False) (64,False) (48,False) |||`);
  return `% title: bench\n% meter: 4/4\nSTART\n${lines.slice(0, frames).join('\n')}\n`;
}

/** An ABC tune of at least `bars` bars: bodies of corpus tunes in 6/8 one after another (or a made-up jig). */
function longTune(bars: number): string {
  const dir = corporaDir();
  let body = '';
  let count = 0;
  const jigs = dir ? join(dir, 'nottingham', 'jigs.abc') : '';
  if (jigs && existsSync(jigs)) {
    for (const tune of readFileSync(jigs, 'utf8').split(/\n\s*\n/)) {
      if (!/^M:6\/8/m.test(tune) || /^[KML]:.*\n[\s\S]*^[KML]:/m.test(tune.slice(tune.search(/^K:/m) + 2))) continue;
      for (const line of tune.slice(tune.indexOf('\n', tune.search(/^K:/m)) + 1).split('\n')) {
        if (/^[A-Za-z]:/.test(line) || !line.includes('|')) continue;
        body += line.replace(/\[?[12]|:/g, '').replace(/\|+/g, '|') + '\n';
        count += (line.match(/\|/g) ?? []).length;
      }
      if (count >= bars) break;
    }
  }
  while (count < bars) {
    body += '"G"GAB c2d|"D"e2d c2A|\n';
    count += 2;
  }
  return `X:1\nT:bench\nM:6/8\nL:1/8\nK:G\n${body}`;
}

function endCursor(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  return { line: lines.length - 1, column: lines[lines.length - 1].length };
}

/** Cold and warm completion latency; `beside` holds the native CPU's figures when these are another provider's. */
async function completionLatency(
  model: LoadedModel,
  doc: string,
  appendable: string[],
  opts: Required<Pick<BenchEngineOptions, 'requests' | 'coldRequests'>>,
  beside?: Figures,
): Promise<Pick<Figures, 'cold' | 'warm'>> {
  const tag = beside ? { provider: model.provider } : {};
  const cold: number[] = [];
  for (let i = 0; i < opts.coldRequests; i++) {
    model.cache.clear();
    const t = performance.now();
    await complete(model, doc, endCursor(doc), { n: 3, seed: i });
    cold.push(performance.now() - t);
  }
  const coldRecord = latencyRecord(`complete ${model.type} cold (empty prefix cache, context window ${DEFAULT_CONTEXT_TOKENS} tokens)`, cold);
  emit({ ...coldRecord, ...tag, ...nativeLatency(beside?.cold), target_p95_ms: 300 });
  const coldFull: number[] = [];
  for (let i = 0; i < Math.min(20, opts.coldRequests); i++) {
    model.cache.clear();
    const t = performance.now();
    await complete(model, doc, endCursor(doc), { n: 3, seed: i, contextTokens: Number.POSITIVE_INFINITY });
    coldFull.push(performance.now() - t);
  }
  if (coldFull.length) emit({ ...latencyRecord(`complete ${model.type} cold, whole document as context`, coldFull), ...tag });
  let text = doc;
  await complete(model, text, endCursor(text), { n: 3 });
  const warm: number[] = [];
  for (let i = 0; i < opts.requests; i++) {
    text += appendable[i % appendable.length];
    const t = performance.now();
    await complete(model, text, endCursor(text), { n: 3, seed: i });
    warm.push(performance.now() - t);
  }
  const warmRecord = latencyRecord(`complete ${model.type} warm (append a token, complete)`, warm);
  emit({ ...warmRecord, ...tag, ...nativeLatency(beside?.warm), target_p95_ms: model.provider === 'wasm' ? 50 : 100 });
  return { cold: coldRecord, warm: warmRecord };
}

function nativeLatency(native: LatencyFigures | undefined): Record<string, number> {
  return native ? { native_p50_ms: native.p50_ms, native_p95_ms: native.p95_ms } : {};
}

function melodyFrames(bars: number): Frame[] {
  const tune = [72, 74, 76, 72, 76, 77, 79, 79, 81, 79, 77, 76, 74, 72, 74, 72];
  const frames: Frame[] = [];
  for (let i = 0; i < bars * 16; i++) {
    const pitch = tune[Math.floor(i / 4) % tune.length];
    const held = i % 4 !== 0;
    frames.push({ fermata: i % 64 >= 60, voices: [{ kind: 'note', pitch, held }, { kind: 'slot' }, { kind: 'slot' }, { kind: 'slot' }] });
  }
  return frames;
}

export async function benchEngine(options: BenchEngineOptions = {}): Promise<void> {
  const requests = options.requests ?? 200;
  const coldRequests = options.coldRequests ?? requests;
  emit({ bench: 'machine', machine: machineName(), node: process.version });
  for (const type of ['satb', 'abc'] as const) {
    const given = options.modelDirs?.[type];
    const found = given ? { dir: given, which: given } : modelDirFor(type);
    if (!found) {
      emit({ bench: `${type} model`, skipped: 'no model found (models/, test/fixtures/models/, test/model/fixtures/)' });
      continue;
    }
    const request = options.provider ?? 'cpu';
    const model = await loadModel(found.dir, { provider: request });
    let figures: Figures;
    try {
      const { layers, hidden } = model.config;
      emit({ bench: `${type} model`, model: found.which, layers, hidden, vocab: model.vocab.size, provider: model.provider, provider_note: model.providerNote });
      figures = await engineFigures(model, { requests, coldRequests });
      await boundFigures(model);
    } finally {
      await model.dispose();
    }
    if (request === 'cpu' && model.provider === 'cpu') {
      await wasmFigures(found.dir, figures, { requests, coldRequests });
      await gpuFigures(type, found.dir, figures);
    }
  }
  await harmonizerFigures(options.modelDirs?.harmonizer ?? defaultModelDir('harmonizer'));
}

/** The harmonizer's figures alone (`bench --harmonizer-only`). */
export async function benchHarmonizer(): Promise<void> {
  emit({ bench: 'machine', machine: machineName(), node: process.version });
  await harmonizerFigures(defaultModelDir('harmonizer'));
}

/** Harmonize Selection's engine: the harmonizer on a 16-bar melody at each beam width and on a reel, native and WebAssembly. */
async function harmonizerFigures(dir: string): Promise<void> {
  if (!existsSync(join(dir, 'config.json'))) {
    emit({ bench: 'harmonizer', skipped: `no harmonizer at ${dir}` });
    return;
  }
  const native: Partial<Record<number, number>> = {};
  for (const provider of ['cpu', 'wasm'] as const) {
    const model = await loadHarmonizer(dir, { provider });
    try {
      emit({ bench: 'harmonizer', provider: model.provider, provider_note: model.providerNote, graphs: Object.values(model.config.graphs) });
      await harmonize(model, melodyFrames(2), { beamWidth: 8 }); // first runs compile and warm up
      for (const beamWidth of BEAMS) {
        const seconds = await harmonizeSeconds(model, beamWidth);
        if (provider === 'cpu') native[beamWidth] = seconds;
        emit({ bench: `harmonizer: harmonize 16-bar melody (256 frames), beam ${beamWidth}`, provider: model.provider, seconds,
          ...(provider === 'wasm' ? { native_seconds: native[beamWidth] } : beamWidth === 8 ? { target_s: 1 } : {}) });
      }
      if (provider === 'cpu') {
        emit({ bench: 'harmonizer: 32-bar reel with chord symbols (Harmonize Selection on ABC text), beam 8', provider: model.provider, seconds: await reelSeconds(model, 8), target_s: 1 });
        await overlongMelodyFigure(model);
      }
    } finally {
      await model.dispose();
    }
  }
}

/**
 * Decoding rates, completion latency and (chorales) harmonization time of one loaded model. With `beside`
 * (the native CPU's figures) each record names its provider and carries the native figure next to its own.
 */
async function engineFigures(model: LoadedModel, opts: Required<Pick<BenchEngineOptions, 'requests' | 'coldRequests'>>, beside?: Figures): Promise<Figures> {
  const type = model.type;
  const tag = beside ? { provider: model.provider } : {};
  const figures: Figures = { beams: {} };
  figures.single = Math.round(await decodingRate(model, 1, 2000));
  emit({ bench: `${type} single-sequence decoding`, ...tag, tokens_per_s: figures.single, ...(beside ? { native_tokens_per_s: beside.single } : {}), target: model.provider === 'wasm' ? 1500 : 2000 });
  emit({ bench: `${type} single-sequence constrained sampling (grammar + top-p)`, ...tag, tokens_per_s: Math.round(await constrainedRate(model, 2000)) });
  figures.batch64 = Math.round(await decodingRate(model, 64, 200));
  emit({ bench: `${type} batch-64 decoding`, ...tag, tokens_per_s: figures.batch64, ...(beside ? { native_tokens_per_s: beside.batch64 } : {}) });
  if (type === 'satb') {
    const doc = longChorale(300);
    Object.assign(figures, await completionLatency(model, doc, ['(72,False) ', '(67,False) ', '(64,False) ', '(48,False) ', '|||\n'], opts, beside));
    for (const beamWidth of BEAMS) {
      figures.beams[beamWidth] = await harmonizeSeconds(model, beamWidth);
      const target = beamWidth === 8 && !beside ? { target_s: 2 } : {};
      emit({ bench: `harmonize 16-bar melody (256 frames), beam ${beamWidth}`, ...tag, seconds: figures.beams[beamWidth], ...(beside ? { native_seconds: beside.beams[beamWidth] } : {}), ...target });
    }
  } else {
    const doc = longTune(300);
    Object.assign(figures, await completionLatency(model, doc, ['G', 'A', 'B', ' ', 'c2', 'd', '|'], opts, beside));
  }
  return figures;
}

/** The same figures on onnxruntime-web's WebAssembly engine (what the universal package runs), beside the native ones. */
async function wasmFigures(dir: string, native: Figures, opts: Required<Pick<BenchEngineOptions, 'requests' | 'coldRequests'>>): Promise<void> {
  const started = performance.now();
  const model = await loadModel(dir, { provider: 'wasm' });
  try {
    emit({ bench: `${model.type} model on wasm`, provider: model.provider, load_s: +((performance.now() - started) / 1000).toFixed(2) });
    await engineFigures(model, opts, native);
  } finally {
    await model.dispose();
  }
}

const BEAMS = [1, 8, 32] as const;

interface Figures {
  single?: number;
  batch64?: number;
  cold?: LatencyFigures;
  warm?: LatencyFigures;
  beams: Partial<Record<number, number>>;
}

async function harmonizeSeconds(model: HarmonizingModel, beamWidth: number): Promise<number> {
  const t = performance.now();
  await harmonize(model, melodyFrames(16), { beamWidth, views: CHORALE_VIEWS }); // as Harmonize Selection hears a chorale
  return +((performance.now() - t) / 1000).toFixed(2);
}

/** The batch and beam figures again with each GPU provider that starts on this machine, next to the CPU's; or why none did. */
async function gpuFigures(type: ModelType, dir: string, cpu: Figures): Promise<void> {
  const reasons: string[] = [];
  const candidates = gpuCandidates();
  for (const provider of candidates) {
    const model = await loadModel(dir, { provider });
    try {
      if (model.provider !== provider) {
        reasons.push(model.providerNote);
        continue;
      }
      emit({ bench: `${type} single-sequence decoding`, provider, tokens_per_s: Math.round(await decodingRate(model, 1, 2000)), cpu_tokens_per_s: cpu.single });
      for (const batch of [64, 512]) {
        emit({ bench: `${type} batch-${batch} decoding`, provider, tokens_per_s: Math.round(await decodingRate(model, batch, 200)), ...(batch === 64 ? { cpu_tokens_per_s: cpu.batch64 } : {}) });
      }
      if (type === 'satb') {
        for (const beamWidth of BEAMS) {
          emit({ bench: `harmonize 16-bar melody (256 frames), beam ${beamWidth}`, provider, seconds: await harmonizeSeconds(model, beamWidth), cpu_seconds: cpu.beams[beamWidth] });
        }
      }
    } finally {
      await model.dispose();
    }
  }
  if (reasons.length === candidates.length) emit({ bench: `${type} GPU providers`, skipped: reasons.join('; ') });
}
