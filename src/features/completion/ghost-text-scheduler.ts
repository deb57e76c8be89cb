/**
 * The inline completion logic without vscode: guard clauses, debounce, abort of the previous request, cache
 * and post-processing. The provider in ./provider.ts converts VS Code's types at the edge.
 */
import { isAbortError } from '../../model/errors';
import { notationOf, type NotationLanguage } from '../../notation';
import type { BachbotSettings } from '../settings';
import { completionCacheKey, LruCache } from './cache';
import { COMPLETION_CONSTANTS } from './constants';
import { postProcess } from './filters';
import { completionBlocker } from '../../model/tasks/completion-position';

export interface CompletionRequest {
  language: NotationLanguage;
  text: string;
  offset: number;
  /** The user asked (Alt+], Alt+\) rather than typed: no debounce, several alternatives. */
  explicit: boolean;
}

export interface SuggestionOptions {
  n: number;
  temperature: number;
  topP: number;
  maxBars?: number;
  maxFrames?: number;
}

/** The model call: returns raw suggestions (text to insert at the cursor), best first. */
export type CompleteFn = (request: CompletionRequest, options: SuggestionOptions, signal: AbortSignal) => Promise<{ text: string }[]>;

export interface GhostTextSchedulerDeps {
  complete: CompleteFn;
  settings: () => BachbotSettings;
  /** Resolves after `ms`, or rejects/returns early when the signal aborts (tests pass a fake clock). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export class GhostTextScheduler {
  private pending: AbortController | undefined;
  private readonly cache = new LruCache<string[]>();

  constructor(private readonly deps: GhostTextSchedulerDeps) {}

  /** Suggestions for the request; [] when none fit or the request was superseded or cancelled. */
  async provide(request: CompletionRequest, signal?: AbortSignal): Promise<string[]> {
    const settings = this.deps.settings();
    if (!settings.completion.enabled) return [];
    if (signal?.aborted) return [];
    const blocker = completionBlocker(request.language, request.text, request.offset);
    if (blocker) return [];

    const options = suggestionOptions(settings, request);
    const key = completionCacheKey({ language: request.language, text: request.text, offset: request.offset, options: { ...options } });
    const cached = this.cache.get(key);
    if (cached) return cached;

    this.pending?.abort();
    const controller = new AbortController();
    this.pending = controller;
    const onOuterAbort = () => controller.abort();
    signal?.addEventListener('abort', onOuterAbort, { once: true });
    try {
      const delay = request.explicit ? COMPLETION_CONSTANTS.explicitDebounceMs : settings.completion.delayMs;
      if (delay > 0) await (this.deps.sleep ?? sleep)(delay, controller.signal);
      if (controller.signal.aborted) return [];
      const raw = await this.deps.complete(request, options, controller.signal);
      if (controller.signal.aborted) return [];
      const result = postProcess(raw.map((s) => s.text), { suffix: request.text.slice(request.offset) });
      this.cache.set(key, result);
      return result;
    } catch (e) {
      if (controller.signal.aborted || isAbortError(e)) return [];
      throw e;
    } finally {
      signal?.removeEventListener('abort', onOuterAbort);
      if (this.pending === controller) this.pending = undefined;
    }
  }

  /** Forget cached suggestions (the model or the settings changed). */
  clearCache(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.pending?.abort();
    this.cache.clear();
  }
}

export function suggestionOptions(settings: BachbotSettings, request: CompletionRequest): SuggestionOptions {
  return {
    n: request.explicit ? COMPLETION_CONSTANTS.alternativesOnInvoke : COMPLETION_CONSTANTS.alternativesWhileTyping,
    temperature: settings.completion.temperature,
    topP: COMPLETION_CONSTANTS.topP,
    ...notationOf(request.language).lengthFor(settings.completion.lengthBars, request.text, request.offset),
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

