/**
 * The messages between the extension host and the engine worker. Everything here crosses a thread boundary
 * by structured clone: plain data only.
 */
import type { CompletionOptions, HarmonizeOptions, ScoredText, Suggestion, TextAlternative } from '../model';
import type { Cursor } from '../model/tasks/cursor-text';
import type { NotationLanguage } from '../notation/types';

export interface LoadedInfo {
  handle: number;
  /** The folder's config `type`: a language model ('abc', 'satb') or the harmonizer. */
  type: string;
  provider: string;
  providerNote: string;
}

export interface EngineCalls {
  load: { args: { dir: string; provider: string }; result: LoadedInfo };
  unload: { args: { handle: number }; result: void };
  complete: { args: { handle: number; text: string; cursor: Cursor; options: CompletionOptions }; result: Suggestion[] };
  harmonize: {
    args: { handle: number; text: string; language: NotationLanguage; selection: { start: number; end: number } | undefined; options: HarmonizeOptions };
    result: TextAlternative[];
  };
  score: { args: { handle: number; language: NotationLanguage; text: string }; result: ScoredText };
}

export type CallName = keyof EngineCalls;

export type ToWorker =
  | { type: 'call'; id: number; call: CallName; args: unknown }
  | { type: 'cancel'; id: number };

export interface SerializedError {
  name: string;
  message: string;
}

export type FromWorker =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  return e instanceof Error ? { name: e.name, message: e.message } : { name: 'Error', message: String(e) };
}

export function deserializeError(e: SerializedError): Error {
  const error = new Error(e.message);
  error.name = e.name;
  return error;
}
