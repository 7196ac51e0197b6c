/**
 * A Keyv store the user gave (disk, Redis, ...) as a stage cache's entry store. A failing store turns into no
 * store, with one warning, instead of failing the run.
 *
 * @module
 */
import type Keyv from 'keyv';
import { messageOf } from '../spec/errors.js';
import type { CacheWarn, EntryStore } from './entry-store.js';

/** Entries in a Keyv store. */
export class KeyvEntries implements EntryStore {
  readonly #keyv: Keyv;
  #failed = false;
  // Keyv reports most store failures as 'error' events instead of throwing: counted, and checked after each call.
  #storeErrors = 0;
  #lastStoreError: unknown;

  constructor(keyv: Keyv) {
    this.#keyv = keyv;
    keyv.on('error', (error: unknown) => {
      this.#storeErrors += 1;
      this.#lastStoreError = error;
    });
  }

  async get(key: string, warn: CacheWarn): Promise<string | undefined> {
    const raw = await this.#call(() => this.#keyv.get(key), warn);
    return typeof raw === 'string' ? raw : undefined;
  }

  async set(key: string, text: string, ttlMs: number | undefined, warn: CacheWarn): Promise<void> {
    await this.#call(() => this.#keyv.set(key, text, ttlMs), warn);
  }

  /** A store call; its failure turns the store off (with one warning) instead of failing the run. */
  async #call<T>(operation: () => Promise<T>, warn: CacheWarn): Promise<T | undefined> {
    if (this.#failed) return undefined;
    const errorsBefore = this.#storeErrors;
    try {
      const result = await operation();
      if (this.#storeErrors === errorsBefore) return result;
      this.#fail(this.#lastStoreError, warn);
    } catch (error) {
      // A value the serializer cannot read is a corrupt entry: a miss, overwritten after the stage runs.
      if (!(error instanceof SyntaxError)) this.#fail(error, warn);
    }
    return undefined;
  }

  #fail(error: unknown, warn: CacheWarn): void {
    if (this.#failed) return;
    this.#failed = true;
    warn({
      code: 'cache-unavailable',
      message: `The cache store failed (${messageOf(error)}); stage results are no longer cached in this pipeline. Check the store (e.g. that Redis is running).`,
    });
  }
}
