import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Throttle, type Clock } from '../../src/features/preview/throttle';

/** A clock the test moves by hand. */
class FakeClock implements Clock {
  time = 1000;
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  now(): number {
    return this.time;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.timers.push({ at: this.time + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t.id !== handle);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (!next || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.fn();
    }
    this.time = end;
  }
}

test('the first request runs at once', () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const t = new Throttle(300, () => runs.push(clock.now()), clock);
  t.request();
  assert.deepEqual(runs, [1000]);
});

test('requests while typing are coalesced into one run per 300 ms, the last one trailing', () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const t = new Throttle(300, () => runs.push(clock.now()), clock);
  t.request(); // 1000: leading run
  for (let i = 0; i < 10; i++) {
    clock.advance(50);
    t.request();
  }
  // 1050..1500: one trailing run at 1300 for the burst, another at 1600 for requests after 1300
  clock.advance(400);
  assert.deepEqual(runs, [1000, 1300, 1600]);
  assert.equal(t.pending, false);
});

test('after a quiet period the next request runs immediately again', () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const t = new Throttle(300, () => runs.push(clock.now()), clock);
  t.request();
  clock.advance(1000);
  t.request();
  assert.deepEqual(runs, [1000, 2000]);
});

test('runNow cancels the pending run and dispose stops everything', () => {
  const clock = new FakeClock();
  const runs: number[] = [];
  const t = new Throttle(300, () => runs.push(clock.now()), clock);
  t.request();
  clock.advance(10);
  t.request();
  assert.equal(t.pending, true);
  t.runNow();
  assert.equal(t.pending, false);
  clock.advance(1000);
  assert.deepEqual(runs, [1000, 1010]);
  t.request();
  t.dispose();
  clock.advance(1000);
  t.request();
  t.runNow();
  assert.deepEqual(runs, [1000, 1010, 2010]);
});
