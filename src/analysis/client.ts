/**
 * The extension host's side of the analysis worker: calls go out one at a time and come back as promises. A call
 * with a key replaces a queued call with the same key (the document changed again before it was analysed), which
 * is rejected as aborted. A call that runs past its time is stopped with the worker; a worker that dies fails its
 * call and starts again on the next.
 */
import { Worker } from 'node:worker_threads';
import { AbortError } from '../model/errors';
import type { AnalysisArgs, AnalysisCall, AnalysisResult, FromAnalysis } from './calls';

export interface AnalysisClientOptions {
  /** out/analysis-worker.js (tests run the TypeScript entry, with `execArgv` for tsx). */
  script: string;
  execArgv?: string[];
  /** How long one call may run before the worker is stopped and the call fails. */
  callTimeoutMs?: number;
  /** Told once per worker that stopped, with why. */
  log?: (message: string) => void;
}

export class AnalysisStoppedError extends Error {
  constructor(reason: string) {
    super(`the analysis worker stopped (${reason}); it starts again on the next request`);
    this.name = 'AnalysisStoppedError';
  }
}

interface Job {
  call: AnalysisCall;
  args: unknown;
  key?: string;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class AnalysisClient {
  private worker: Worker | undefined;
  private running: { job: Job; timer?: NodeJS.Timeout } | undefined;
  /** The worker has loaded its code: a call's time counts from then on (start-up is not the call's). */
  private ready = false;
  private readonly queue: Job[] = [];
  private disposed = false;

  constructor(private readonly options: AnalysisClientOptions) {}

  call<C extends AnalysisCall>(call: C, args: AnalysisArgs<C>, key?: string): Promise<AnalysisResult<C>> {
    if (this.disposed) return Promise.reject(new AnalysisStoppedError('the extension was deactivated'));
    return new Promise((resolve, reject) => {
      if (key !== undefined) {
        const queued = this.queue.findIndex((j) => j.key === key);
        if (queued >= 0) this.queue.splice(queued, 1)[0].reject(new AbortError('superseded by a newer request'));
      }
      this.queue.push({ call, args, key, resolve: resolve as (v: unknown) => void, reject });
      this.next();
    });
  }

  dispose(): void {
    this.disposed = true;
    const jobs = [...this.queue, ...(this.running ? [this.running.job] : [])];
    this.queue.length = 0;
    this.stop();
    for (const job of jobs) job.reject(new AnalysisStoppedError('the extension was deactivated'));
  }

  private next(): void {
    if (this.running || this.queue.length === 0) return;
    const job = this.queue.shift()!;
    const worker = this.ensureWorker();
    this.running = { job };
    if (this.ready) this.startTimer();
    worker.ref();
    worker.postMessage({ call: job.call, args: job.args });
  }

  private startTimer(): void {
    const running = this.running;
    if (!running) return;
    const limit = this.options.callTimeoutMs ?? 20_000;
    running.timer = setTimeout(() => this.fail(`a ${running.job.call} request ran for more than ${limit / 1000} s`), limit);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.options.script, { execArgv: this.options.execArgv, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.worker = worker;
    this.ready = false;
    worker.on('message', (reply: FromAnalysis | 'ready') => {
      if (this.worker !== worker) return;
      if (reply === 'ready') {
        this.ready = true;
        return this.startTimer();
      }
      const running = this.running;
      if (!running) return;
      this.running = undefined;
      clearTimeout(running.timer);
      if (reply.ok) running.job.resolve(reply.result);
      else running.job.reject(Object.assign(new Error(reply.message), { name: reply.name }));
      if (this.queue.length === 0) worker.unref();
      this.next();
    });
    worker.on('error', (e) => this.worker === worker && this.fail(e.message));
    worker.on('exit', (code) => this.worker === worker && this.fail(`exit code ${code}`));
    return worker;
  }

  /** The worker went or was stopped: its call fails, the queue goes on in a fresh one. */
  private fail(reason: string): void {
    const running = this.running;
    this.running = undefined;
    if (running) clearTimeout(running.timer);
    this.stop();
    this.options.log?.(`analysis worker stopped: ${reason}`);
    running?.job.reject(new AnalysisStoppedError(reason));
    if (!this.disposed) this.next();
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    if (this.running) clearTimeout(this.running.timer);
    this.running = undefined;
    void worker?.terminate();
  }
}
