/**
 * The extension host's side of the engine worker: calls go out as messages and come back as promises. The
 * host never waits on the engine: an aborted call is rejected at once (the worker stops it at its next await,
 * or is restarted if it does not stop in time), and a worker that dies is reported once and started again on
 * the next call.
 */
import { Worker } from 'node:worker_threads';
import { Emitter } from '../common/emitter';
import { AbortError } from '../model/errors';
import { deserializeError, type CallName, type EngineCalls, type FromWorker, type LoadedInfo, type ToWorker } from './protocol';
import { EngineModel } from './engine-model';

export interface EngineClientOptions {
  /** The worker's script (out/engine-worker.js), or with `eval`, its source (tests load the TypeScript entry). */
  script: string;
  eval?: boolean;
  /** How long an aborted call may run on before the worker is stopped and started afresh. */
  cancelGraceMs?: number;
  /** The worker's JavaScript heap: past it the worker dies (and is reported), not the extension host. */
  memoryLimitMb?: number;
}

export interface EngineStop {
  reason: string;
  /** False when the worker died; true when the client stopped it (a call that would not stop, or dispose). */
  expected: boolean;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  cancelled: boolean;
  graceTimer?: NodeJS.Timeout;
}

export class EngineStoppedError extends Error {
  constructor(reason: string) {
    super(`the engine stopped (${reason}); it starts again on the next request`);
    this.name = 'EngineStoppedError';
  }
}

export class EngineClient {
  private worker: Worker | undefined;
  private generationCount = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private lastWorkerError: string | undefined;
  private readonly stopped = new Emitter<EngineStop>();
  /** Fires when the worker goes: every model loaded in it is gone with it. */
  readonly onDidStop = this.stopped.event;

  constructor(private readonly options: EngineClientOptions) {}

  /** Counts the workers that went; a model loaded before the last one went no longer exists. */
  get generation(): number {
    return this.generationCount;
  }

  async load(dir: string, provider: string, signal?: AbortSignal): Promise<EngineModel> {
    const generation = this.ensureWorker();
    const info: LoadedInfo = await this.call('load', { dir, provider }, signal);
    return new EngineModel(this, info, generation);
  }

  call<C extends CallName>(call: C, args: EngineCalls[C]['args'], signal?: AbortSignal): Promise<EngineCalls[C]['result']> {
    if (signal?.aborted) return Promise.reject(new AbortError());
    this.ensureWorker();
    const worker = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const entry: Pending = { resolve: resolve as (v: unknown) => void, reject, cancelled: false };
      this.pending.set(id, entry);
      worker.ref();
      const onAbort = () => this.cancel(id, entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settle = () => signal?.removeEventListener('abort', onAbort);
      entry.resolve = (v) => (settle(), (resolve as (v: unknown) => void)(v));
      entry.reject = (e) => (settle(), reject(e));
      this.post({ type: 'call', id, call, args });
    });
  }

  /** Stops the worker; pending calls are rejected. */
  dispose(): void {
    this.stop('the extension was deactivated', true);
    this.stopped.clear();
  }

  private ensureWorker(): number {
    if (this.worker) return this.generationCount;
    const worker = new Worker(this.options.script, {
      eval: this.options.eval,
      resourceLimits: { maxOldGenerationSizeMb: this.options.memoryLimitMb ?? 3072 },
    });
    this.worker = worker;
    this.lastWorkerError = undefined;
    worker.unref();
    worker.on('message', (message: FromWorker) => this.receive(message));
    worker.on('error', (error) => (this.lastWorkerError = error.message));
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // stopped on purpose; already reported
      this.worker = undefined;
      this.failAll(this.lastWorkerError ?? `exit code ${code}`, false);
    });
    return this.generationCount;
  }

  private receive(message: FromWorker): void {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    clearTimeout(entry.graceTimer);
    if (this.pending.size === 0) this.worker?.unref();
    if (entry.cancelled) return; // already rejected
    if (message.type === 'result') entry.resolve(message.result);
    else entry.reject(deserializeError(message.error));
  }

  private cancel(id: number, entry: Pending): void {
    if (entry.cancelled || !this.pending.has(id)) return;
    entry.cancelled = true;
    entry.reject(new AbortError());
    this.post({ type: 'cancel', id });
    const grace = this.options.cancelGraceMs ?? 3000;
    entry.graceTimer = setTimeout(() => {
      if (this.pending.get(id) === entry) this.stop(`a cancelled request went on for more than ${grace / 1000} s`, true);
    }, grace);
    entry.graceTimer.unref();
  }

  private stop(reason: string, expected: boolean): void {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) void worker.terminate();
    this.failAll(reason, expected);
  }

  private failAll(reason: string, expected: boolean): void {
    this.generationCount++; // the models of the worker that went are gone with it
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      clearTimeout(entry.graceTimer);
      if (!entry.cancelled) entry.reject(new EngineStoppedError(reason));
    }
    this.stopped.fire({ reason, expected });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }
}
