import type { ModelConfig, ModelType } from './config';
import { throwIfAborted } from './errors';
import type { PrefixEncoder } from './runtime/prefix-encoder';
import { PrefixKeys, PrefixStateCache, type CachedPrefix } from './runtime/prefix-cache';
import type { LanguageModelStep } from './step';
import { Vocabulary } from './vocabulary';

export interface ModelInfo {
  /** The execution provider in use: 'cpu', 'webgpu', 'cuda', 'dml', or 'cpu+webgpu' when auto routes by batch size. */
  provider: string;
  /** Why this provider: a fallback's reason, auto's measurements. */
  providerNote: string;
  dir?: string;
  cacheCapacity?: number;
  /** Reads many tokens in one call (cold prefixes); without it prefixes are read one step at a time. */
  prefixEncoder?: PrefixEncoder;
}

/** A loaded language model: its config, vocabulary, stepping function and prefix-state cache. */
export class LoadedModel {
  readonly vocab: Vocabulary;
  readonly cache: PrefixStateCache;
  readonly provider: string;
  readonly providerNote: string;
  readonly dir: string | undefined;
  readonly prefixEncoder: PrefixEncoder | undefined;

  constructor(
    readonly config: ModelConfig,
    readonly stepper: LanguageModelStep,
    info: ModelInfo,
  ) {
    this.vocab = new Vocabulary(config.vocab, config.specials.start, config.specials.end);
    this.cache = new PrefixStateCache(info.cacheCapacity ?? 2048);
    this.provider = info.provider;
    this.providerNote = info.providerNote;
    this.dir = info.dir;
    this.prefixEncoder = info.prefixEncoder;
  }

  get type(): ModelType {
    return this.config.type;
  }

  async dispose(): Promise<void> {
    this.cache.clear();
    await this.prefixEncoder?.dispose();
    await this.stepper.dispose();
  }
}

/**
 * State and next-token logits after reading `ids` (which start with the start token), reusing the cached state
 * at the last checkpoint (a token for which `isCheckpoint` holds: `|||`, a bar line) whose prefix is unchanged.
 */
export async function encodePrefix(
  model: LoadedModel,
  ids: readonly number[],
  isCheckpoint: (id: number) => boolean,
  signal?: AbortSignal,
): Promise<CachedPrefix> {
  if (ids.length === 0) throw new RangeError('encodePrefix needs at least the start token');
  const keys = new PrefixKeys(ids);
  const whole = model.cache.get(keys.key(ids.length));
  if (whole) {
    model.cache.hits++;
    return whole;
  }
  let from = 0;
  let entry: CachedPrefix | undefined;
  for (let i = ids.length - 1; i > 0; i--) {
    if (!isCheckpoint(ids[i - 1])) continue;
    entry = model.cache.get(keys.key(i));
    if (entry) {
      from = i;
      break;
    }
  }
  if (entry) model.cache.hits++;
  else model.cache.misses++;
  const { stepper } = model;
  let h = entry?.h ?? new Float32Array(stepper.layers * stepper.hidden);
  let c = entry?.c ?? new Float32Array(stepper.layers * stepper.hidden);
  let logits = entry?.logits ?? new Float32Array(stepper.vocabSize);
  if (model.prefixEncoder && ids.length - from >= PREFIX_ENCODER_MIN_TOKENS) {
    // Segments end at checkpoints (so later requests find cached states there) and at the end.
    for (const end of segmentEnds(ids, from, isCheckpoint)) {
      throwIfAborted(signal);
      ({ h, c, logits } = await model.prefixEncoder.encode(ids.slice(from, end), h, c));
      model.cache.set(keys.key(end), { h, c, logits });
      from = end;
    }
    return { h, c, logits };
  }
  let state = { batch: 1, layers: stepper.layers, hidden: stepper.hidden, h, c };
  const one = [0];
  for (let i = from; i < ids.length; i++) {
    throwIfAborted(signal);
    one[0] = ids[i];
    const r = await stepper.step(one, state);
    state = r.state;
    logits = r.logits;
    if (isCheckpoint(ids[i]) || i === ids.length - 1) model.cache.set(keys.key(i + 1), { h: state.h, c: state.c, logits });
  }
  return { h: state.h, c: state.c, logits };
}

/** Below this many tokens, stepping is as quick as one prefix-encoder call. */
const PREFIX_ENCODER_MIN_TOKENS = 8;
/** Cached checkpoints while reading a long prefix at once: at least this many tokens apart. */
const SEGMENT_TOKENS = 96;

/** Where to cut ids[from..] into prefix-encoder calls: checkpoints about SEGMENT_TOKENS apart, the last checkpoint, the end. */
export function segmentEnds(ids: readonly number[], from: number, isCheckpoint: (id: number) => boolean): number[] {
  const ends: number[] = [];
  let lastCheckpoint = -1;
  for (let i = from; i < ids.length; i++) if (isCheckpoint(ids[i])) lastCheckpoint = i + 1;
  let start = from;
  for (let i = from; i < ids.length; i++) {
    const end = i + 1;
    if (!isCheckpoint(ids[i]) || end === ids.length) continue;
    if (end - start >= SEGMENT_TOKENS || end === lastCheckpoint) {
      ends.push(end);
      start = end;
    }
  }
  if (ends[ends.length - 1] !== ids.length) ends.push(ids.length);
  return ends;
}
