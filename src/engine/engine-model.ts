/** A model loaded in the engine worker, as the extension host holds it: a handle and the engine's tasks on it. */
import type { CompletionOptions, HarmonizeOptions, ScoredText, Suggestion, TextAlternative } from '../model';
import type { Cursor } from '../model/tasks/cursor-text';
import type { NotationLanguage } from '../notation/types';
import type { EngineClient } from './engine-client';
import { EngineStoppedError } from './engine-client';
import type { EngineCalls, LoadedInfo } from './protocol';

export class EngineModel {
  constructor(
    private readonly client: EngineClient,
    private readonly info: LoadedInfo,
    private readonly generation: number,
  ) {}

  /** The folder's kind: 'abc' or 'satb' (a language model), or 'harmonizer'. */
  get type(): string {
    return this.info.type;
  }

  get provider(): string {
    return this.info.provider;
  }

  get providerNote(): string {
    return this.info.providerNote;
  }

  complete(text: string, cursor: Cursor, options: CompletionOptions, signal?: AbortSignal): Promise<Suggestion[]> {
    return this.send('complete', { handle: this.info.handle, text, cursor, options }, signal);
  }

  harmonize(
    text: string,
    language: NotationLanguage,
    selection: { start: number; end: number } | undefined,
    options: HarmonizeOptions,
    signal?: AbortSignal,
  ): Promise<TextAlternative[]> {
    return this.send('harmonize', { handle: this.info.handle, text, language, selection, options }, signal);
  }

  /** Per-note surprisal of the document under this model. */
  score(language: NotationLanguage, text: string, signal?: AbortSignal): Promise<ScoredText> {
    return this.send('score', { handle: this.info.handle, language, text }, signal);
  }

  dispose(): void {
    if (this.alive) void this.client.call('unload', { handle: this.info.handle }).catch(() => undefined);
  }

  private get alive(): boolean {
    return this.client.generation === this.generation;
  }

  private send<C extends 'complete' | 'harmonize' | 'score'>(call: C, args: EngineCalls[C]['args'], signal?: AbortSignal): Promise<EngineCalls[C]['result']> {
    if (!this.alive) return Promise.reject(new EngineStoppedError('it was restarted'));
    return this.client.call(call, args, signal);
  }
}
