// The engine worker's figures for `npm run bench`: how free the extension host's event loop stays while the
// worker harmonizes and completes (a 10 ms timer's lateness, the loop's busy time), Cancel's latency, and what
// a completion costs through the worker against in-process.
import { maxOf } from '../common/arrays';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EngineClient } from '../engine/engine-client';
import { sourceEngineWorker } from '../engine/source-worker';
import { complete, loadModelFolder, LoadedModel } from '../model';
import { packageModelsDir } from '../model/model-dir';

const HOST_TARGET_MS = 50;

function emit(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(record)}\n`);
}

function workerScript(): { script: string; execArgv?: string[] } {
  const bundled = join(__dirname, 'engine-worker.js');
  return __filename.endsWith('.ts') || !existsSync(bundled) ? sourceEngineWorker() : { script: bundled };
}

/** The example chorale's soprano, `times` over, its lower voices left to fill. */
function longMelody(times: number): string {
  const lines = readFileSync(resolve(packageModelsDir(), '..', 'examples', 'chorale.satb'), 'utf8').split('\n');
  const header = lines.filter((l) => l.startsWith('%'));
  const frames = lines.filter((l) => l.endsWith('|||')).map((l) => l.replace(/^((?:\(\.\) )?\(\S+\)) .*$/, '$1 (?) (?) (?) |||'));
  return [...header, 'START', ...Array.from({ length: times }, () => frames).flat(), 'END', ''].join('\n');
}

async function hostDuring<T>(work: () => Promise<T>): Promise<{ result: T; wallMs: number; busyMs: number; lateMaxMs: number; lateP99Ms: number }> {
  const late: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    late.push(now - last - 10);
    last = now;
  }, 10);
  const before = performance.eventLoopUtilization();
  const started = performance.now();
  try {
    const result = await work();
    const busyMs = performance.eventLoopUtilization(before).active;
    late.sort((a, b) => a - b);
    return { result, wallMs: performance.now() - started, busyMs, lateMaxMs: late[late.length - 1] ?? 0, lateP99Ms: late[Math.floor(late.length * 0.99)] ?? 0 };
  } finally {
    clearInterval(timer);
  }
}

const round = (x: number) => +x.toFixed(1);

export async function benchWorker(): Promise<void> {
  const models = packageModelsDir();
  const engine = new EngineClient(workerScript());
  try {
    await engine.load(join(models, 'satb'), 'cpu'); // the worker's start-up
    const harmonizer = await hostDuring(() => engine.load(join(models, 'harmonizer'), 'cpu'));
    const melody = longMelody(6);
    const frames = melody.split('\n').filter((l) => l.endsWith('|||')).length;
    const whole = await hostDuring(() => harmonizer.result.harmonize(melody, 'satb', undefined, { beamWidth: 8 }));
    emit({
      bench: 'worker: host while harmonizing',
      frames,
      harmonize_ms: round(whole.wallMs),
      host_busy_ms: round(whole.busyMs),
      host_timer_late_max_ms: round(whole.lateMaxMs),
      host_timer_late_p99_ms: round(whole.lateP99Ms),
      target_ms: HOST_TARGET_MS,
      met: whole.lateMaxMs < HOST_TARGET_MS,
    });

    const cancels: number[] = [];
    for (let i = 0; i < 5; i++) {
      const controller = new AbortController();
      const running = harmonizer.result.harmonize(melody, 'satb', undefined, { beamWidth: 8 }, controller.signal).catch(() => undefined);
      await new Promise((r) => setTimeout(r, 200 + 100 * i));
      const asked = performance.now();
      controller.abort();
      await running;
      cancels.push(performance.now() - asked);
    }
    emit({ bench: 'worker: Cancel to rejection', requests: cancels.length, max_ms: round(maxOf(cancels)), target_ms: HOST_TARGET_MS });

    // The example chorale's first 16 frames, the cursor on the line after them.
    const lines = readFileSync(resolve(models, '..', 'examples', 'chorale.satb'), 'utf8').split('\n');
    const cut = lines.findIndex((l) => l.endsWith('|||')) + 16;
    const chorale = [...lines.slice(0, cut), ''].join('\n');
    const cursor = { line: cut, column: 0 };
    const remote = await engine.load(join(models, 'satb'), 'cpu');
    const local = await loadModelFolder(join(models, 'satb'), { provider: 'cpu' });
    const options = { n: 1, maxFrames: 16, seed: 7 };
    const times = { worker: [] as number[], inProcess: [] as number[] };
    if ((await remote.complete(chorale, cursor, options)).length === 0) throw new Error('bench: the chorale model suggested nothing');
    for (let i = 0; i < 10; i++) {
      let t = performance.now();
      await remote.complete(chorale, cursor, options);
      times.worker.push(performance.now() - t);
      t = performance.now();
      await complete(local as LoadedModel, chorale, cursor, options);
      times.inProcess.push(performance.now() - t);
    }
    const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
    emit({ bench: 'worker: completion round trip', requests: times.worker.length, worker_p50_ms: round(p50(times.worker)), in_process_p50_ms: round(p50(times.inProcess)) });
    await local.dispose();
  } finally {
    engine.dispose();
  }
}
