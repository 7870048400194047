/**
 * Time as a dependency. Everything that reads the time or waits takes a `Clock`, so tests
 * move time by hand and never sleep.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export type TimerHandle = object;

export interface Scheduler {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const systemScheduler: Scheduler = {
  setTimeout(callback, delayMs) {
    const timer = setTimeout(callback, delayMs);
    // A library timer must never keep the host process alive.
    timer.unref();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as NodeJS.Timeout);
  },
};

/**
 * A clock and scheduler moved by hand, for tests and for simulations. Timers fire in due
 * order while `advance` moves time; timers scheduled by a firing timer fire in the same
 * call if they fall due within it.
 */
export class ManualClock implements Clock, Scheduler {
  #nowMs: number;
  #nextId = 1;
  readonly #timers = new Map<number, { dueMs: number; callback: () => void }>();

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#nowMs = startMs;
  }

  now(): number {
    return this.#nowMs;
  }

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { dueMs: this.#nowMs + Math.max(0, delayMs), callback });
    return { id };
  }

  clearTimeout(handle: TimerHandle): void {
    if ('id' in handle && typeof handle.id === 'number') this.#timers.delete(handle.id);
  }

  /** Delays of the timers still pending, in due order, in milliseconds from now. */
  pendingDelaysMs(): number[] {
    return [...this.#timers.values()].map((t) => t.dueMs - this.#nowMs).sort((a, b) => a - b);
  }

  advance(ms: number): void {
    const targetMs = this.#nowMs + ms;
    for (;;) {
      const next = this.#nextDue(targetMs);
      if (next === undefined) break;
      this.#timers.delete(next.id);
      this.#nowMs = next.dueMs;
      next.callback();
    }
    this.#nowMs = targetMs;
  }

  set(epochMs: number): void {
    this.advance(Math.max(0, epochMs - this.#nowMs));
  }

  #nextDue(limitMs: number): { id: number; dueMs: number; callback: () => void } | undefined {
    let best: { id: number; dueMs: number; callback: () => void } | undefined;
    for (const [id, timer] of this.#timers) {
      if (timer.dueMs > limitMs) continue;
      if (best === undefined || timer.dueMs < best.dueMs) best = { id, ...timer };
    }
    return best;
  }
}
