/**
 * The extension host's side of the engine process: calls go out as messages and come back as promises. The
 * engine runs in a child process, not a thread, so that nothing it does (a native abort in onnxruntime, V8
 * out of memory) can take the extension host down with it. The host never waits on the engine: an aborted
 * call is rejected at once (the engine stops it at its next await, or is killed if it does not stop in time),
 * and an engine that dies is reported once and started again on the next call.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Emitter } from '../common/emitter';
import { AbortError } from '../model/errors';
import { deserializeError, type CallName, type EngineCalls, type FromWorker, type LoadedInfo, type ToWorker } from './protocol';
import { EngineModel } from './engine-model';

export interface EngineClientOptions {
  /** The engine's script: out/engine-worker.js (tests run the TypeScript entry, with `execArgv` for tsx). */
  script: string;
  execArgv?: string[];
  /** How long an aborted call may run on before the engine is killed and started afresh. */
  cancelGraceMs?: number;
  /** The engine's JavaScript heap: past it the engine dies (and is reported), not the extension host. */
  memoryLimitMb?: number;
}

export interface EngineStop {
  reason: string;
  /** False when the engine died; true when the client stopped it (a call that would not stop, or dispose). */
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

/** What the engine printed last on stderr, kept to say why it died. */
const STDERR_KEPT = 2000;

export class EngineClient {
  private child: ChildProcess | undefined;
  private generationCount = 0;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail = '';
  private readonly stopped = new Emitter<EngineStop>();
  /** Fires when the engine process goes: every model loaded in it is gone with it. */
  readonly onDidStop = this.stopped.event;

  constructor(private readonly options: EngineClientOptions) {}

  /** Counts the engine processes that went; a model loaded before the last one went no longer exists. */
  get generation(): number {
    return this.generationCount;
  }

  async load(dir: string, provider: string, signal?: AbortSignal): Promise<EngineModel> {
    this.ensureChild();
    const generation = this.generationCount;
    const info: LoadedInfo = await this.call('load', { dir, provider }, signal);
    return new EngineModel(this, info, generation);
  }

  call<C extends CallName>(call: C, args: EngineCalls[C]['args'], signal?: AbortSignal): Promise<EngineCalls[C]['result']> {
    if (signal?.aborted) return Promise.reject(new AbortError());
    const child = this.ensureChild();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onAbort = () => this.cancel(id);
      const settle = () => signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => (settle(), (resolve as (v: unknown) => void)(v)),
        reject: (e) => (settle(), reject(e)),
        cancelled: false,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.keepAlive(child, true);
      this.post({ type: 'call', id, call, args });
    });
  }

  /** Stops the engine; pending calls are rejected. */
  dispose(): void {
    this.stop('the extension was deactivated', true);
    this.stopped.clear();
  }

  private ensureChild(): ChildProcess {
    if (this.child) return this.child;
    const child = fork(this.options.script, [], {
      execArgv: [...(this.options.execArgv ?? []), `--max-old-space-size=${this.options.memoryLimitMb ?? 3072}`],
      // VS Code's extension host runs in Electron: run its binary as plain Node.
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    this.child = child;
    this.stderrTail = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (this.stderrTail = (this.stderrTail + chunk).slice(-STDERR_KEPT)));
    child.on('message', (message: FromWorker) => this.receive(message));
    child.on('error', (error) => (this.stderrTail += `\n${error.message}`));
    child.on('exit', (code, signal) => {
      if (this.child !== child) return; // stopped on purpose; already reported
      this.child = undefined;
      this.failAll(deathReason(this.stderrTail, code, signal), false);
    });
    this.keepAlive(child, false);
    return child;
  }

  /** The engine keeps the host's process alive only while a call waits on it (a CLI or test can exit). */
  private keepAlive(child: ChildProcess, on: boolean): void {
    const handles = [child, child.channel as unknown as { ref?(): void; unref?(): void } | undefined, child.stderr as unknown as { ref?(): void; unref?(): void } | null];
    for (const h of handles) (on ? h?.ref?.() : h?.unref?.());
  }

  private receive(message: FromWorker): void {
    const entry = this.pending.get(message.id);
    if (!entry) return;
    this.pending.delete(message.id);
    clearTimeout(entry.graceTimer);
    if (this.pending.size === 0 && this.child) this.keepAlive(this.child, false);
    if (entry.cancelled) return; // already rejected
    if (message.type === 'result') entry.resolve(message.result);
    else entry.reject(deserializeError(message.error));
  }

  private cancel(id: number): void {
    const entry = this.pending.get(id);
    if (!entry || entry.cancelled) return;
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
    const child = this.child;
    this.child = undefined;
    child?.kill('SIGKILL');
    this.failAll(reason, expected);
  }

  private failAll(reason: string, expected: boolean): void {
    this.generationCount++; // the models of the engine that went are gone with it
    const entries = [...this.pending.values()];
    this.pending.clear();
    for (const entry of entries) {
      clearTimeout(entry.graceTimer);
      if (!entry.cancelled) entry.reject(new EngineStoppedError(reason));
    }
    this.stopped.fire({ reason, expected });
  }

  private post(message: ToWorker): void {
    if (this.child?.connected) this.child.send(message);
  }
}

/** The engine's last words on stderr when there are any (out of memory, a native abort), else its exit status. */
function deathReason(stderr: string, code: number | null, signal: NodeJS.Signals | null): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^(at |<--- |\d+: )/.test(l));
  const said = lines.find((l) => /out of memory|heap limit|terminate called|FATAL|Error/i.test(l)) ?? lines[lines.length - 1];
  const status = signal ? `signal ${signal}` : `exit code ${code}`;
  return said ? `${said.slice(0, 200)}; ${status}` : status;
}
