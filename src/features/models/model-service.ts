/**
 * One shared, lazily loaded model per kind (each notation language's, and the harmonizer). Nothing is read at construction: the first request
 * for a language locates and loads its model; a failed load is remembered (so typing does not retry it on
 * every keystroke) until `invalidate()` or an explicit `get(language, { retry: true })`.
 */
import { Emitter } from '../../common/emitter';
import type { ModelKind } from '../../model/model-dir';
import type { ExecutionProvider } from '../settings';

export interface ModelSource {
  /** Model folder for a language (throws a plain-worded error when there is none). */
  locate(language: ModelKind): Promise<string>;
  load(dir: string, provider: ExecutionProvider): Promise<DisposableModel>;
  provider(): ExecutionProvider;
  /** The provider a loaded model really runs on (a GPU request may have fallen back to the CPU). */
  providerOf?(model: DisposableModel): string;
  /** Why that provider (a fallback's reason), for the status bar's tooltip. */
  providerNoteOf?(model: DisposableModel): string;
}

export interface DisposableModel {
  dispose?(): unknown;
}

export interface LoadedEntry {
  language: ModelKind;
  name: string;
  provider: string;
  /** Why this provider, when the engine said (`wasm: the native onnxruntime ... did not load`). */
  providerNote?: string;
}

export interface ModelServiceState {
  loaded: LoadedEntry[];
  loading: ModelKind[];
  failed: { language: ModelKind; message: string }[];
  /** Requests in progress (completion, harmonization, scoring). */
  busy: number;
}

interface Entry {
  promise: Promise<DisposableModel>;
  dir?: string;
  provider: ExecutionProvider;
  actualProvider?: string;
  providerNote?: string;
  status: 'loading' | 'ready' | 'failed';
  error?: string;
}

/** The model type each kind loads as. */
export type ModelsByKind = Record<ModelKind, DisposableModel>;

export class ModelService<M extends ModelsByKind = ModelsByKind> {
  private readonly entries = new Map<ModelKind, Entry>();
  private busyCount = 0;
  private readonly changed = new Emitter<ModelServiceState>();
  private readonly failed = new Emitter<{ language: ModelKind; message: string }>();
  readonly onDidChange = this.changed.event;
  /** Fires once per failed load (not per request), so that the user is told once. */
  readonly onDidFail = this.failed.event;

  constructor(private readonly source: ModelSource) {}

  get<K extends ModelKind>(language: K, options: { retry?: boolean } = {}): Promise<M[K]> {
    const existing = this.entries.get(language);
    if (existing && !(options.retry && existing.status === 'failed')) return existing.promise as Promise<M[K]>;
    const provider = this.source.provider();
    const entry = { provider, status: 'loading' } as Entry;
    entry.promise = this.loadInto(language, entry);
    entry.promise.catch(() => undefined); // observed by callers; no unhandled rejection when nobody waits
    this.entries.set(language, entry);
    this.fire();
    return entry.promise as Promise<M[K]>;
  }

  private async loadInto(language: ModelKind, entry: Entry): Promise<DisposableModel> {
    try {
      entry.dir = await this.source.locate(language);
      const model = await this.source.load(entry.dir, entry.provider);
      entry.actualProvider = this.source.providerOf?.(model) ?? entry.provider;
      entry.providerNote = this.source.providerNoteOf?.(model);
      entry.status = 'ready';
      return model; // if invalidate() dropped this entry meanwhile, it disposes the model once loaded
    } catch (e) {
      entry.status = 'failed';
      entry.error = errorMessage(e);
      if (this.entries.get(language) === entry) this.failed.fire({ language, message: entry.error });
      throw e;
    } finally {
      this.fire();
    }
  }

  /** Drops every model (settings changed); the next request loads again. */
  invalidate(): void {
    const old = [...this.entries.values()];
    this.entries.clear();
    for (const e of old) e.promise.then((m) => m.dispose?.(), () => undefined);
    this.fire();
  }

  /** Marks the service busy while `work` runs (the status bar spins). */
  async track<T>(work: Promise<T>): Promise<T> {
    this.busyCount++;
    this.fire();
    try {
      return await work;
    } finally {
      this.busyCount--;
      this.fire();
    }
  }

  get state(): ModelServiceState {
    const state: ModelServiceState = { loaded: [], loading: [], failed: [], busy: this.busyCount };
    for (const [language, e] of this.entries) {
      if (e.status === 'ready') {
        state.loaded.push({ language, name: folderName(e.dir ?? language), provider: e.actualProvider ?? e.provider, providerNote: e.providerNote });
      }
      else if (e.status === 'loading') state.loading.push(language);
      else state.failed.push({ language, message: e.error ?? 'unknown error' });
    }
    return state;
  }

  dispose(): void {
    this.invalidate();
    this.changed.clear();
    this.failed.clear();
  }

  private fire(): void {
    this.changed.fire(this.state);
  }
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function folderName(dir: string): string {
  const parts = dir.split(/[\\/]/).filter(Boolean);
  return parts[parts.length - 1] ?? dir;
}
