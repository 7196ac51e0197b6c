/**
 * Stage results in a store (a Keyv store the user gave, else a Map of this process): read before a stage runs,
 * written after, shared between concurrent runs that need the same result (single-flight). The cache never fails
 * a run: a corrupt entry is a miss that gets overwritten, and a store that fails turns into no cache, with one
 * warning.
 *
 * @module
 */
import type { Warning } from '../spec/document.js';
import type { CacheConfig } from './cache-config.js';
import type { CacheWarn, EntryStore } from './entry-store.js';
import { KeyvEntries } from './keyv-entries.js';
import { MemoryEntries } from './memory-entries.js';

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
  readonly #store: EntryStore;
  readonly #ttlMs: number | undefined;
  readonly #refresh: boolean;
  readonly #inFlight = new Map<string, Promise<ResolvedEntry>>();

  constructor(config: CacheConfig) {
    this.#store = config.store ? new KeyvEntries(config.store) : new MemoryEntries();
    this.#ttlMs = config.ttlMs;
    this.#refresh = config.refresh;
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
    const stored = this.#refresh ? undefined : parseEntry(await this.#store.get(key, warn));
    return stored ? { entry: stored, cached: true } : this.#computeAndStore(key, compute, warn);
  }

  async #computeAndStore(
    key: string,
    compute: () => Promise<CacheEntry>,
    warn: CacheWarn,
  ): Promise<ResolvedEntry> {
    const entry = await compute();
    const text = entryText(entry);
    // An output that is not JSON (a custom stage's) is simply not cached.
    if (text !== undefined) await this.#store.set(key, text, this.#ttlMs, warn);
    return { entry, cached: false };
  }
}

/** The entry as stored, or `undefined` when its output is not JSON. */
function entryText(entry: CacheEntry): string | undefined {
  try {
    return JSON.stringify({ format: CACHE_FORMAT_VERSION, ...entry } satisfies StoredEntry);
  } catch {
    return undefined;
  }
}

/** A stored entry, or `undefined` for anything else (an older format, or corrupt data). */
function parseEntry(raw: string | undefined): CacheEntry | undefined {
  if (raw === undefined) return undefined;
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
