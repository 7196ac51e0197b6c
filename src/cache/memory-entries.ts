/**
 * The default cache store: entries' JSON text in a Map of this process. The text is what isolates an entry from
 * the objects its run handed on (a caller changing its result changes nothing stored). Reads and writes are
 * synchronous: no Keyv, whose hooks, namespacing and promises cost more than the Map itself.
 *
 * @module
 */
import type { EntryStore } from './entry-store.js';

interface MemoryEntry {
  readonly text: string;
  /** When it expires (`Date.now()` ms); `undefined` when it does not. */
  readonly expiresAt: number | undefined;
}

/** Entries kept in memory, expiring after their TTL. */
export class MemoryEntries implements EntryStore {
  readonly #entries = new Map<string, MemoryEntry>();

  get(key: string): string | undefined {
    const entry = this.#entries.get(key);
    if (entry?.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry?.text;
  }

  set(key: string, text: string, ttlMs: number | undefined): void {
    this.#entries.set(key, { text, expiresAt: ttlMs === undefined ? undefined : Date.now() + ttlMs });
  }
}
