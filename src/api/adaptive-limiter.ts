/**
 * At most `limit` tasks at once, the rest queued in order. A 429 halves the limit (to one
 * at least); it grows back by one after a run of successes as long as four times the
 * current limit, up to the configured maximum: down fast, up slowly.
 */
export class AdaptiveLimiter {
  readonly #max: number;
  #limit: number;
  #running = 0;
  #successes = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(max: number) {
    this.#max = max;
    this.#limit = max;
  }

  get limit(): number {
    return this.#limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running < this.#limit) this.#running++;
    // A queued task is counted as running by `#next` when its turn comes.
    else await new Promise<void>((resolve) => this.#waiting.push(resolve));
    try {
      const result = await task();
      this.#succeeded();
      return result;
    } finally {
      this.#running--;
      this.#next();
    }
  }

  rateLimited(): void {
    this.#limit = Math.max(1, Math.floor(this.#limit / 2));
    this.#successes = 0;
  }

  #succeeded(): void {
    if (this.#limit >= this.#max) return;
    this.#successes++;
    if (this.#successes >= this.#limit * 4) {
      this.#limit++;
      this.#successes = 0;
    }
  }

  #next(): void {
    while (this.#running < this.#limit) {
      const resume = this.#waiting.shift();
      if (resume === undefined) return;
      this.#running++;
      resume();
    }
  }
}
