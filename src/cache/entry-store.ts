/**
 * Where a stage cache keeps its entries, as JSON text.
 *
 * @module
 */
import type { Warning } from '../spec/document.js';

/** Where the one warning of a failing store goes: the document whose cache call met the failure. */
export type CacheWarn = (warning: Omit<Warning, 'stageId'>) => void;

/**
 * A store of entries' text by key. A store that can fail does not throw: it warns through `warn` once, and from
 * then on reads nothing and keeps nothing (a cache never fails a run).
 */
export interface EntryStore {
  /** The text under `key`; `undefined` when there is none, it expired, or the store failed. */
  get(key: string, warn: CacheWarn): string | undefined | Promise<string | undefined>;
  set(key: string, text: string, ttlMs: number | undefined, warn: CacheWarn): void | Promise<void>;
}
