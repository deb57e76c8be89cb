import type { LanguageModelStep, LstmState, StepResult } from '../step';
import { zeroState } from '../step';
import type { ConcreteProvider, GpuProvider } from './session';

/** What a user may ask for (the `bachbot.executionProvider` setting, the CLI's --provider). */
export const PROVIDER_REQUESTS = ['cpu', 'wasm', 'webgpu', 'cuda', 'dml', 'auto'] as const;
export type ProviderRequest = (typeof PROVIDER_REQUESTS)[number];

export function isProviderRequest(value: unknown): value is ProviderRequest {
  return (PROVIDER_REQUESTS as readonly unknown[]).includes(value);
}

/** Why a provider name is refused, naming the known ones; undefined when it is known. */
export function unknownProviderMessage(value: unknown): string | undefined {
  if (isProviderRequest(value)) return undefined;
  return `unknown execution provider ${JSON.stringify(value)} (known: ${PROVIDER_REQUESTS.join(', ')})`;
}

/** GPU providers worth trying on this platform, most promising first. */
export function gpuCandidates(platform: NodeJS.Platform = process.platform): GpuProvider[] {
  if (platform === 'win32') return ['dml', 'webgpu', 'cuda'];
  if (platform === 'darwin') return ['webgpu'];
  return ['cuda', 'webgpu'];
}

/** ORT's error text without its source-file prefix, one line, short enough for a status bar tooltip. */
export function shortReason(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  const line = text.split('\n')[0].replace(/^\S*onnxruntime\S*:\d+\s+/, '').replace(/^.*? was false\.\s*/, '');
  return line.length > 160 ? `${line.slice(0, 157)}...` : line;
}

/** Batch sizes are grouped into buckets; `auto` picks a provider per bucket. Upper bounds, inclusive. */
export const BATCH_BUCKETS = [1, 8, 64, 512, Number.POSITIVE_INFINITY] as const;

export function bucketOf(batch: number): number {
  return BATCH_BUCKETS.findIndex((b) => batch <= b);
}

export interface BucketTiming {
  batch: number;
  cpuMs: number;
  gpuMs: number;
}

/** For each bucket, whether the GPU measured faster (by a margin, so noise does not flip it). */
export function chooseGpuBuckets(timings: BucketTiming[], margin = 0.9): boolean[] {
  return BATCH_BUCKETS.map((_, i) => {
    const t = timings.find((m) => bucketOf(m.batch) === i) ?? timings[timings.length - 1];
    return t !== undefined && t.gpuMs < t.cpuMs * margin;
  });
}

/** Sends each step to the CPU or the GPU session by batch size. */
export class RoutingStep implements LanguageModelStep {
  constructor(
    private readonly cpu: LanguageModelStep,
    private readonly gpu: LanguageModelStep,
    private readonly gpuForBucket: boolean[],
  ) {}

  get vocabSize(): number {
    return this.cpu.vocabSize;
  }
  get layers(): number {
    return this.cpu.layers;
  }
  get hidden(): number {
    return this.cpu.hidden;
  }

  step(ids: ArrayLike<number>, state: LstmState): Promise<StepResult> {
    return (this.gpuForBucket[bucketOf(ids.length)] ? this.gpu : this.cpu).step(ids, state);
  }

  async dispose(): Promise<void> {
    await Promise.all([this.cpu.dispose(), this.gpu.dispose()]);
  }
}

/** Median milliseconds per step of `stepper` at batch size `batch`. */
export async function timeSteps(stepper: LanguageModelStep, batch: number, steps = 12): Promise<number> {
  let state = zeroState(stepper.layers, stepper.hidden, batch);
  const ids = new Array<number>(batch).fill(0);
  const times: number[] = [];
  for (let i = 0; i < steps + 3; i++) {
    const t = performance.now();
    state = (await stepper.step(ids, state)).state;
    if (i >= 3) times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1];
}

export function describeRouting(gpu: ConcreteProvider, gpuForBucket: boolean[], timings: BucketTiming[]): string {
  const parts = timings.map((t) => `batch ${t.batch}: cpu ${t.cpuMs.toFixed(2)} ms, ${gpu} ${t.gpuMs.toFixed(2)} ms`);
  const used = BATCH_BUCKETS.filter((_, i) => gpuForBucket[i]).map((b) => (Number.isFinite(b) ? `≤${b}` : 'larger'));
  const what = used.length ? `${gpu} for batch buckets ${used.join(', ')}, cpu otherwise` : `cpu (${gpu} was not faster)`;
  return `auto: ${what} (${parts.join('; ')})`;
}
