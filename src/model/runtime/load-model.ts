import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type * as ort from 'onnxruntime-node';
import { validateConfig, type ModelConfig, type ModelType } from '../config';
import { ModelLoadError } from '../errors';
import { LoadedModel } from '../model';
import { zeroState, type LanguageModelStep } from '../step';
import { openPrefixEncoder } from './prefix-encoder';
import { INPUT_NAMES, OUTPUT_NAMES, OnnxStep, openSession, type ConcreteProvider, type GpuProvider } from './onnx-step';
import {
  BATCH_BUCKETS,
  RoutingStep,
  chooseGpuBuckets,
  describeRouting,
  gpuCandidates,
  shortReason,
  timeSteps,
  type BucketTiming,
  type ProviderRequest,
} from './providers';

export interface LoadModelOptions {
  provider?: ProviderRequest;
  /** Refuse a model of the other type. */
  expectedType?: ModelType;
  cacheCapacity?: number;
  /** Read long prefixes in one call through a Scan-wrapped copy of the step graph (default true). */
  prefixEncoder?: boolean;
  /** Which GPU providers `auto` tries (tests; default: by platform). */
  gpuCandidates?: GpuProvider[];
}

/** Reads and checks `dir/config.json` and `dir/model.onnx`, opens a session, and runs one test step. */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const config = readConfig(dir, options.expectedType);
  const graphs = (config as { graphs?: { step?: string; prefix?: string } }).graphs ?? {};
  const onnxPath = join(dir, graphs.step ?? 'model.onnx');
  if (!existsSync(onnxPath)) throw new ModelLoadError(`${onnxPath} is missing (a model directory holds model.onnx and config.json)`);
  const request = options.provider ?? 'cpu';
  const cpu = await openChecked(onnxPath, 'cpu', config);
  let stepper: LanguageModelStep = cpu;
  let provider = 'cpu';
  let providerNote = 'cpu (requested)';
  if (request === 'auto') {
    ({ stepper, provider, providerNote } = await chooseAuto(onnxPath, config, cpu, options.gpuCandidates ?? gpuCandidates()));
  } else if (request !== 'cpu') {
    try {
      stepper = await openChecked(onnxPath, request, config);
      provider = request;
      providerNote = `${request} (requested)`;
      await cpu.dispose();
    } catch (err) {
      providerNote = `${request} unavailable (${shortReason(err)}); using cpu`;
    }
  }
  const prefixEncoder =
    options.prefixEncoder === false
      ? undefined
      : await openPrefixEncoder(readFileSync(onnxPath), join(dir, graphs.prefix ?? 'prefix.onnx'), { layers: config.layers, hidden: config.hidden, vocab: config.vocab.length });
  return new LoadedModel(config, stepper, { provider, providerNote, dir, cacheCapacity: options.cacheCapacity, prefixEncoder });
}

function readConfig(dir: string, expectedType?: ModelType): ModelConfig {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ModelLoadError(`model directory ${dir} does not exist`);
  const path = join(dir, 'config.json');
  if (!existsSync(path)) throw new ModelLoadError(`${path} is missing (a model directory holds model.onnx and config.json)`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ModelLoadError(`${path} is not valid JSON (${shortReason(err)})`);
  }
  try {
    return validateConfig(raw, expectedType);
  } catch (err) {
    if (err instanceof ModelLoadError) throw new ModelLoadError(`${path}: ${err.message.replace(/^config\.json: /, '')}`);
    throw err;
  }
}

/** Opens a session and checks it against the contract and the config; throws ModelLoadError (or ORT's error for a provider that cannot start). */
async function openChecked(onnxPath: string, provider: ConcreteProvider, config: ModelConfig): Promise<OnnxStep> {
  let session: ort.InferenceSession;
  try {
    session = await openSession(onnxPath, provider);
  } catch (err) {
    if (provider !== 'cpu') throw err;
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
  onnxPath: string,
  config: ModelConfig,
  cpu: OnnxStep,
  candidates: GpuProvider[],
): Promise<{ stepper: LanguageModelStep; provider: string; providerNote: string }> {
  const failures: string[] = [];
  for (const gpuName of candidates) {
    let gpu: OnnxStep;
    try {
      gpu = await openChecked(onnxPath, gpuName, config);
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
