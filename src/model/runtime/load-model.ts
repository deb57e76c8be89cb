import { join } from 'node:path';
import { validateConfig, type ModelConfig, type ModelType } from '../config';
import { ModelLoadError } from '../errors';
import { MAX_GRAPH_BYTES, modelFileExists, readModelConfigJson, readModelFile } from '../model-file';
import { LoadedModel } from '../model';
import { zeroState, type LanguageModelStep } from '../step';
import { nativeBackend } from './native-session';
import { openPrefixEncoder } from './prefix-encoder';
import { INPUT_NAMES, OUTPUT_NAMES, OnnxStep } from './onnx-step';
import {
  BATCH_BUCKETS,
  RoutingStep,
  chooseGpuBuckets,
  describeRouting,
  gpuCandidates,
  shortReason,
  timeSteps,
  unknownProviderMessage,
  type BucketTiming,
  type ProviderRequest,
} from './providers';
import { NativeEngineUnavailable, type ConcreteProvider, type GpuProvider, type SessionBackend } from './session';
import { wasmBackend } from './wasm-session';

export interface LoadModelOptions {
  provider?: ProviderRequest;
  /** Refuse a model of the other type. */
  expectedType?: ModelType;
  cacheCapacity?: number;
  /** Read long prefixes in one call through a Scan-wrapped copy of the step graph (default true). */
  prefixEncoder?: boolean;
  /** Which GPU providers `auto` tries (tests; default: by platform). */
  gpuCandidates?: GpuProvider[];
  /** The native backend to try first (tests put one that will not load here; default onnxruntime-node). */
  nativeBackend?: SessionBackend;
  /** Milliseconds of steps that bring the WebAssembly engine up to speed before the model is handed out. */
  wasmWarmUpMs?: number;
}

/**
 * V8 runs WebAssembly first through its baseline compiler and optimizes the hot functions in the background
 * while they run: the first thousand or so steps go at a fraction of the final rate, so loading runs them
 * (up to WASM_WARM_UP_STEPS single steps, with small batches among them, for at most this long).
 */
const WASM_WARM_UP_MS = 2500;
const WASM_WARM_UP_STEPS = 2000;

/** Reads and checks `dir/config.json` and `dir/model.onnx`, opens a session, and runs one test step. */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const request = options.provider ?? 'cpu';
  const refused = unknownProviderMessage(request);
  if (refused) throw new ModelLoadError(refused);
  const config = readConfig(dir, options.expectedType);
  const graphs = config.graphs ?? {};
  const stepName = graphs.step ?? 'model.onnx';
  const prefixName = graphs.prefix ?? 'prefix.onnx';
  // Read once, here, and handed to onnxruntime as bytes: it never opens a path the checks have not seen.
  const onnx: OnnxFile = { path: join(dir, stepName), bytes: readModelFile(dir, stepName, MAX_GRAPH_BYTES) };
  const prefixBytes = options.prefixEncoder !== false && modelFileExists(dir, prefixName) ? readModelFile(dir, prefixName, MAX_GRAPH_BYTES) : undefined;
  const base = await openBase(onnx, config, request, options.nativeBackend ?? nativeBackend);
  let stepper: LanguageModelStep = base.step;
  let provider: string = base.step.provider;
  let providerNote = base.note;
  if (request === 'auto' || isGpu(request)) {
    if (base.backend.name !== 'native') {
      providerNote = `${request}: no native onnxruntime (${base.note}); using wasm`;
    } else if (request === 'auto') {
      ({ stepper, provider, providerNote } = await chooseAuto(base.backend, onnx, config, base.step, options.gpuCandidates ?? gpuCandidates()));
    } else {
      try {
        stepper = await openChecked(base.backend, onnx, request, config);
        provider = request;
        providerNote = `${request} (requested)`;
        await base.step.dispose();
      } catch (err) {
        providerNote = `${request} unavailable (${shortReason(err)}); using cpu`;
      }
    }
  }
  const prefixEncoder =
    options.prefixEncoder === false
      ? undefined
      : await openPrefixEncoder(base.backend, onnx.bytes, prefixBytes, { layers: config.layers, hidden: config.hidden, vocab: config.vocab.length });
  if (base.backend.name === 'wasm') await warmUp(stepper, options.wasmWarmUpMs ?? WASM_WARM_UP_MS);
  return new LoadedModel(config, stepper, { provider, providerNote, dir, cacheCapacity: options.cacheCapacity, prefixEncoder });
}

/** A graph of the folder: its path for messages, its bytes for onnxruntime. */
interface OnnxFile {
  path: string;
  bytes: Uint8Array;
}

function isGpu(request: ProviderRequest): request is GpuProvider {
  return request === 'webgpu' || request === 'cuda' || request === 'dml';
}

/**
 * The CPU engine every model has: native onnxruntime, or onnxruntime-web's WebAssembly backend when `wasm` is
 * asked for or the native binary is missing or will not load.
 */
async function openBase(
  onnx: OnnxFile,
  config: ModelConfig,
  request: ProviderRequest,
  native: SessionBackend,
): Promise<{ step: OnnxStep; backend: SessionBackend; note: string }> {
  if (request === 'wasm') return { step: await openChecked(wasmBackend, onnx, 'wasm', config), backend: wasmBackend, note: 'wasm (requested)' };
  try {
    const note = request === 'cpu' ? 'cpu (requested)' : 'cpu';
    return { step: await openChecked(native, onnx, 'cpu', config), backend: native, note };
  } catch (err) {
    if (!(err instanceof NativeEngineUnavailable)) throw err;
    return { step: await openChecked(wasmBackend, onnx, 'wasm', config), backend: wasmBackend, note: `wasm: ${err.message}` };
  }
}

/** Runs single steps, and a batch of 8 (a beam) every 16 of them, for `ms` milliseconds or WASM_WARM_UP_STEPS steps. */
async function warmUp(stepper: LanguageModelStep, ms: number): Promise<void> {
  const until = performance.now() + ms;
  let one = zeroState(stepper.layers, stepper.hidden, 1);
  let beam = zeroState(stepper.layers, stepper.hidden, 8);
  const ones = [0];
  const eights = new Array<number>(8).fill(0);
  for (let steps = 0; steps < WASM_WARM_UP_STEPS && performance.now() < until; steps += 16) {
    for (let i = 0; i < 16; i++) one = (await stepper.step(ones, one)).state;
    beam = (await stepper.step(eights, beam)).state;
  }
}

function readConfig(dir: string, expectedType?: ModelType): ModelConfig {
  const path = join(dir, 'config.json');
  const raw = readModelConfigJson(dir);
  try {
    return validateConfig(raw, expectedType);
  } catch (err) {
    if (err instanceof ModelLoadError) throw new ModelLoadError(`${path}: ${err.message.replace(/^config\.json: /, '')}`);
    throw err;
  }
}

/** Opens a session and checks it against the contract and the config; throws ModelLoadError (or ORT's error for a provider that cannot start). */
async function openChecked(backend: SessionBackend, onnx: OnnxFile, provider: ConcreteProvider, config: ModelConfig): Promise<OnnxStep> {
  const onnxPath = onnx.path;
  let session;
  try {
    session = await backend.open(onnx.bytes, provider);
  } catch (err) {
    if (err instanceof NativeEngineUnavailable || (provider !== 'cpu' && provider !== 'wasm')) throw err;
    throw new ModelLoadError(`${onnxPath} is not a valid ONNX model (${shortReason(err)})`);
  }
  const step = new OnnxStep(session, config.vocab.length, config.layers, config.hidden, provider);
  try {
    checkNames(onnxPath, 'inputs', session.inputNames, INPUT_NAMES);
    checkNames(onnxPath, 'outputs', session.outputNames, OUTPUT_NAMES);
    await checkOneStep(onnxPath, step, config);
  } catch (err) {
    await step.dispose();
    throw err;
  }
  return step;
}

function checkNames(path: string, what: string, found: readonly string[], wanted: readonly string[]): void {
  const missing = wanted.filter((n) => !found.includes(n));
  if (missing.length) {
    throw new ModelLoadError(`${path} has ${what} [${found.join(', ')}], but the engine needs [${wanted.join(', ')}] (missing ${missing.join(', ')})`);
  }
}

async function checkOneStep(path: string, step: OnnxStep, config: ModelConfig): Promise<void> {
  let out;
  try {
    out = await step.step([0], zeroState(config.layers, config.hidden, 1));
  } catch (err) {
    throw new ModelLoadError(
      `${path} failed a test step with the shapes from config.json (layers ${config.layers}, hidden ${config.hidden}): ${shortReason(err)}`,
    );
  }
  if (out.logits.length !== config.vocab.length) {
    throw new ModelLoadError(`config.json: vocab has ${config.vocab.length} tokens but the model outputs ${out.logits.length} logits`);
  }
  const stateSize = config.layers * config.hidden;
  if (out.state.h.length !== stateSize || out.state.c.length !== stateSize) {
    throw new ModelLoadError(`${path} returns a state of ${out.state.h.length} numbers per row, but config.json says layers ${config.layers} x hidden ${config.hidden}`);
  }
}

async function chooseAuto(
  backend: SessionBackend,
  onnx: OnnxFile,
  config: ModelConfig,
  cpu: OnnxStep,
  candidates: GpuProvider[],
): Promise<{ stepper: LanguageModelStep; provider: string; providerNote: string }> {
  const failures: string[] = [];
  for (const gpuName of candidates) {
    let gpu: OnnxStep;
    try {
      gpu = await openChecked(backend, onnx, gpuName, config);
    } catch (err) {
      failures.push(`${gpuName}: ${shortReason(err)}`);
      continue;
    }
    const timings: BucketTiming[] = [];
    for (const batch of BATCH_BUCKETS.filter(Number.isFinite)) {
      timings.push({ batch, cpuMs: await timeSteps(cpu, batch), gpuMs: await timeSteps(gpu, batch) });
    }
    const buckets = chooseGpuBuckets(timings);
    const note = describeRouting(gpuName, buckets, timings);
    if (!buckets.some(Boolean)) {
      await gpu.dispose();
      return { stepper: cpu, provider: 'cpu', providerNote: note };
    }
    return { stepper: new RoutingStep(cpu, gpu, buckets), provider: `cpu+${gpuName}`, providerNote: note };
  }
  return { stepper: cpu, provider: 'cpu', providerNote: `auto: no GPU provider (${failures.join('; ') || 'none to try'}); using cpu` };
}
