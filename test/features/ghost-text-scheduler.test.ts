import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GhostTextScheduler, type CompleteFn, type CompletionRequest } from '../../src/features/completion/ghost-text-scheduler';
import { readSettings, type BachbotSettings } from '../../src/features/settings';
import { atCursor } from './cursor';

const TUNE = 'X:1\nT:Test\nM:4/4\nL:1/8\nK:G\nGABc ┃';

function request(fixture: string, explicit = false): CompletionRequest {
  const { text, offset } = atCursor(fixture);
  return { language: /START/.test(text) ? 'satb' : 'abc', text, offset, explicit };
}

function settings(overrides: Record<string, unknown> = {}): () => BachbotSettings {
  return () => readSettings((k) => ({ 'bachbot.completion.delayMs': 10, ...overrides })[k], true);
}

/** A sleep that resolves only when released by the test (or at once when the signal aborts). */
function manualClock() {
  const waiting: (() => void)[] = [];
  return {
    sleep: (_ms: number, signal: AbortSignal) =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        signal.addEventListener('abort', () => resolve(), { once: true });
      }),
    releaseAll: () => waiting.splice(0).forEach((r) => r()),
    get waiting() {
      return waiting.length;
    },
  };
}

test('a typed request is debounced, sent with one alternative, and post-processed', async () => {
  const calls: { n: number; maxBars?: number }[] = [];
  const complete: CompleteFn = async (_r, o) => {
    calls.push({ n: o.n, maxBars: o.maxBars });
    return [{ text: 'd2e|  ' }];
  };
  const clock = manualClock();
  const scheduler = new GhostTextScheduler({ complete, settings: settings(), sleep: clock.sleep });
  const pending = scheduler.provide(request(TUNE));
  await Promise.resolve();
  assert.equal(clock.waiting, 1);
  assert.equal(calls.length, 0, 'the model is not asked before the debounce ends');
  clock.releaseAll();
  assert.deepEqual(await pending, ['d2e|']);
  assert.deepEqual(calls, [{ n: 1, maxBars: 0 }], 'one bar: the engine finishes the current bar only');
});

test('an explicit request skips the debounce and asks for several alternatives', async () => {
  let n = 0;
  const scheduler = new GhostTextScheduler({
    complete: async (_r, o) => ((n = o.n), [{ text: 'd|' }, { text: 'e|' }, { text: 'd|' }]),
    settings: settings(),
    sleep: () => Promise.reject(new Error('no debounce expected')),
  });
  assert.deepEqual(await scheduler.provide(request(TUNE, true)), ['d|', 'e|']);
  assert.equal(n, 3);
});

test('a new request aborts the previous one, which then returns nothing', async () => {
  const clock = manualClock();
  let calls = 0;
  const scheduler = new GhostTextScheduler({ complete: async () => (calls++, [{ text: 'd|' }]), settings: settings(), sleep: clock.sleep });
  const first = scheduler.provide(request(TUNE));
  await Promise.resolve();
  const second = scheduler.provide(request('X:1\nT:Test\nM:4/4\nL:1/8\nK:G\nGABc d┃'));
  await Promise.resolve();
  clock.releaseAll();
  assert.deepEqual(await first, []);
  assert.deepEqual(await second, ['d|']);
  assert.equal(calls, 1, 'the superseded request never reached the model');
});

test('an abort during the model call discards its result', async () => {
  const outer = new AbortController();
  const scheduler = new GhostTextScheduler({
    complete: async () => {
      outer.abort();
      return [{ text: 'd|' }];
    },
    settings: settings({ 'bachbot.completion.delayMs': 0 }),
  });
  assert.deepEqual(await scheduler.provide(request(TUNE), outer.signal), []);
});

test('the same context is answered from the cache', async () => {
  let calls = 0;
  const scheduler = new GhostTextScheduler({ complete: async () => (calls++, [{ text: 'd|' }]), settings: settings({ 'bachbot.completion.delayMs': 0 }) });
  await scheduler.provide(request(TUNE));
  assert.deepEqual(await scheduler.provide(request(TUNE)), ['d|']);
  assert.equal(calls, 1);
  scheduler.clearCache();
  await scheduler.provide(request(TUNE));
  assert.equal(calls, 2);
});

test('guard clauses: disabled setting, cancelled request, comment position', async () => {
  let calls = 0;
  const complete: CompleteFn = async () => (calls++, [{ text: 'd|' }]);
  const disabled = new GhostTextScheduler({ complete, settings: settings({ 'bachbot.completion.enabled': false }) });
  assert.deepEqual(await disabled.provide(request(TUNE)), []);
  const scheduler = new GhostTextScheduler({ complete, settings: settings({ 'bachbot.completion.delayMs': 0 }) });
  assert.deepEqual(await scheduler.provide(request(TUNE), AbortSignal.abort()), []);
  assert.deepEqual(await scheduler.provide(request('X:1\nK:G\nGA % ┃')), []);
  assert.equal(calls, 0);
});

test('chorales ask for the frames of the configured bars under the document meter', async () => {
  let maxFrames: number | undefined;
  const scheduler = new GhostTextScheduler({
    complete: async (_r, o) => ((maxFrames = o.maxFrames), []),
    settings: settings({ 'bachbot.completion.delayMs': 0, 'bachbot.completion.length': 2 }),
  });
  await scheduler.provide(request('% meter: 3/4\nSTART\n(72,False) (67,False) (64,False) (48,False) |||\n┃\nEND'));
  assert.equal(maxFrames, 24);
});

test('model errors reach the caller (the provider reports them), aborts do not', async () => {
  const scheduler = new GhostTextScheduler({
    complete: async () => {
      throw new Error('model.onnx is corrupt');
    },
    settings: settings({ 'bachbot.completion.delayMs': 0 }),
  });
  await assert.rejects(scheduler.provide(request(TUNE)), /corrupt/);
});
