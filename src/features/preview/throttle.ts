// Runs a task at once when it has been idle, and at most once per `delayMs` while requests keep coming
// (leading and trailing edge), the way the preview follows typing.

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class Throttle {
  private lastRun: number | undefined;
  private timer: unknown;
  private disposed = false;

  constructor(
    private readonly delayMs: number,
    private readonly task: () => void,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Asks for a run: now if the last one is at least `delayMs` old, otherwise when it will be. */
  request(): void {
    if (this.disposed || this.timer !== undefined) return;
    const since = this.lastRun === undefined ? Infinity : this.clock.now() - this.lastRun;
    if (since >= this.delayMs) {
      this.run();
      return;
    }
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      if (!this.disposed) this.run();
    }, this.delayMs - since);
  }

  /** Runs now, cancelling a pending run (e.g. the document switched). */
  runNow(): void {
    if (this.disposed) return;
    this.cancel();
    this.run();
  }

  get pending(): boolean {
    return this.timer !== undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private run(): void {
    this.lastRun = this.clock.now();
    this.task();
  }
}
