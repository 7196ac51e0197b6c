/**
 * Stage results in a Keyv store: read before a stage runs, written after, shared between
 * concurrent runs that need the same result (single-flight). The cache never fails a run: a
 * corrupt entry is a miss that gets overwritten, and a store that fails turns into no cache,
 * with one warning.
 *
 * @module
 */
import Keyv from 'keyv';
import type { Warning } from '../spec/document.js';
import { messageOf } from '../spec/errors.js';
import type { CacheConfig } from './cache-config.js';

/** Bumped when the shape of cached entries changes, so old entries are never read as new ones. */
export const CACHE_FORMAT_VERSION = 1;

/** What is kept of a finished stage: its output and the warnings it raised. */
export interface CacheEntry {
  readonly output: unknown;
  readonly warnings: readonly Warning[];
}

/** A stage result, and whether it came from the cache (or from a concurrent run of the same stage). */
export interface ResolvedEntry {
  readonly entry: CacheEntry;
  readonly cached: boolean;
}

interface StoredEntry extends CacheEntry {
  readonly format: number;
}

/** Where the one warning of a failing store goes: the document whose cache call met the failure. */
export type CacheWarn = (warning: Omit<Warning, 'stageId'>) => void;

/**
 * One cache store as the pipeline uses it.
 *
 * @example
 * ```ts
 * const cache = new StageCache(new CacheConfig({ store: new Keyv() }));
 * const { entry, cached } = await cache.resolve(key, () => runStage(), context.warn);
 * ```
 */
export class StageCache {
  readonly #keyv: Keyv;
  readonly #ttlMs: number | undefined;
  readonly #refresh: boolean;
  readonly #inFlight = new Map<string, Promise<ResolvedEntry>>();
  #failed = false;
  // Keyv reports most store failures as 'error' events instead of throwing: counted, and checked after each call.
  #storeErrors = 0;
  #lastStoreError: unknown;

  constructor(config: CacheConfig) {
    this.#keyv = config.store ?? inMemoryStore(config.namespace);
    this.#ttlMs = config.ttlMs;
    this.#refresh = config.refresh;
    this.#keyv.on('error', (error: unknown) => {
      this.#storeErrors += 1;
      this.#lastStoreError = error;
    });
  }

  /**
   * The entry under `key`: from a run computing it right now, else from the store (unless the config says
   * `refresh`), else from `compute` (whose result is then stored).
   */
  resolve(key: string, compute: () => Promise<CacheEntry>, warn: CacheWarn): Promise<ResolvedEntry> {
    const running = this.#inFlight.get(key);
    if (running) {
      // Shared, not paid again; if that run fails (or is cancelled), this one computes for itself.
      return running.then(
        ({ entry }) => ({ entry, cached: true }),
        () => this.#computeAndStore(key, compute, warn),
      );
    }
    const resolved = this.#lookupOrCompute(key, compute, warn);
    this.#inFlight.set(key, resolved);
    const forget = () => this.#inFlight.delete(key);
    resolved.then(forget, forget);
    return resolved;
  }

  async #lookupOrCompute(
    key: string,
    compute: () => Promise<CacheEntry>,
    warn: CacheWarn,
  ): Promise<ResolvedEntry> {
    const stored = this.#refresh ? undefined : await this.#read(key, warn);
    return stored ? { entry: stored, cached: true } : this.#computeAndStore(key, compute, warn);
  }

  async #computeAndStore(
    key: string,
    compute: () => Promise<CacheEntry>,
    warn: CacheWarn,
  ): Promise<ResolvedEntry> {
    const entry = await compute();
    await this.#write(key, entry, warn);
    return { entry, cached: false };
  }

  async #read(key: string, warn: CacheWarn): Promise<CacheEntry | undefined> {
    const raw = await this.#call(() => this.#keyv.get(key), warn);
    return parseEntry(raw);
  }

  async #write(key: string, entry: CacheEntry, warn: CacheWarn): Promise<void> {
    let text: string;
    try {
      text = JSON.stringify({ format: CACHE_FORMAT_VERSION, ...entry } satisfies StoredEntry);
    } catch {
      return; // An output that is not JSON (a custom stage's) is simply not cached.
    }
    await this.#call(() => this.#keyv.set(key, text, this.#ttlMs), warn);
  }

  /** A store call; its failure turns the cache off (with one warning) instead of failing the run. */
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

/**
 * The default store: a Map in this process. Entries are already JSON text (see #write), which is what isolates them
 * from the caller's objects, so Keyv's own serializer, which would escape that text into JSON a second time for
 * every write, is left out: the store keeps Keyv's `{ value, expires }` record as it is.
 */
function inMemoryStore(namespace: string): Keyv {
  return new Keyv({ namespace, serialize: undefined, deserialize: undefined });
}

/** A stored entry, or `undefined` for anything else (an older format, or corrupt data). */
function parseEntry(raw: unknown): CacheEntry | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const entry = JSON.parse(raw) as Partial<StoredEntry> | null;
    if (entry?.format !== CACHE_FORMAT_VERSION || !Array.isArray(entry.warnings) || !('output' in entry)) {
      return undefined;
    }
    return { output: entry.output, warnings: entry.warnings };
  } catch {
    return undefined;
  }
}
