/**
 * Listeners of one event. A listener that throws or rejects is reported to `onListenerError`
 * and never keeps the others from being called.
 */
export class Listeners<E> {
  readonly #listeners = new Set<(event: E) => unknown>();
  readonly #onListenerError: (error: unknown) => void;

  constructor(onListenerError: (error: unknown) => void) {
    this.#onListenerError = onListenerError;
  }

  get size(): number {
    return this.#listeners.size;
  }

  /** Adds a listener; the returned function removes it (idempotent). */
  add(listener: (event: E) => unknown): () => void {
    const own = (event: E): unknown => listener(event);
    this.#listeners.add(own);
    return () => {
      this.#listeners.delete(own);
    };
  }

  emit(event: E): void {
    for (const listener of [...this.#listeners]) {
      try {
        const result = listener(event);
        if (result instanceof Promise) result.catch(this.#onListenerError);
      } catch (error) {
        this.#onListenerError(error);
      }
    }
  }
}
