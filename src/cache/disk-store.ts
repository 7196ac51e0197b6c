/**
 * A Keyv store on the local disk: one file per key, written atomically, readable by any number of
 * processes at once. Pure Node, no native build.
 *
 * @module
 */
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { KeyvStoreAdapter } from 'keyv';
import { ConfigError, messageOf } from '../spec/errors.js';
import { isErrno, writeFileAtomic } from '../util/atomic-file.js';
import { checkOptionKeys, optionalString } from '../util/config-checks.js';
import { entryPath, listNamespaceFiles, removeCacheFiles } from './disk-layout.js';

/** Where the CLI keeps its cache, relative to the current directory. */
export const DEFAULT_CACHE_DIRECTORY = '.docpipe/cache';

/** Options of {@link DiskStore}. */
export interface DiskStoreOptions {
  /** The folder of the entries; relative paths are resolved against the current directory now. @default '.docpipe/cache' */
  readonly directory?: string;
}

/**
 * The first line of an entry file. The value follows it byte for byte; `bytes` is its length, so
 * a file cut short (or overwritten with anything else) reads as a miss, never as a wrong value.
 */
interface EntryHeader {
  readonly key: string;
  /** When the entry expires (ms since the epoch), or `null` for never. */
  readonly expires: number | null;
  readonly bytes: number;
}

const NEWLINE = 0x0a;

/**
 * A Keyv store adapter that keeps each entry in a file under `directory`
 * (`<namespace>/<hash[0..2]>/<hash>.entry`). Writes go to a temporary file renamed into place, so
 * a process killed mid-write leaves the previous entry (or none), never a torn one. A file that
 * is unreadable, cut short or garbled is a miss, and the next write replaces it. TTLs are kept
 * in the file and honoured on read. Files are not fsynced: they survive a killed process, and
 * after a power cut a torn file is, again, just a miss.
 *
 * @example
 * ```ts
 * import Keyv from 'keyv';
 * const store = new Keyv({ store: new DiskStore({ directory: '/var/cache/docpipe' }), namespace: 'docpipe' });
 * const pipeline = linearPipeline({ ..., cache: new CacheConfig({ store }) });
 * ```
 */
export class DiskStore implements KeyvStoreAdapter {
  /** The absolute path of the folder. */
  readonly directory: string;
  /** What Keyv reads of its stores' options. */
  readonly opts: { readonly directory: string };
  /** Set by Keyv to its own namespace; each namespace has its own folder. */
  namespace: string | undefined;

  /** @throws {ConfigError} when an option is unknown or not a non-empty string */
  constructor(options: DiskStoreOptions = {}) {
    checkOptionKeys('DiskStore', options, ['directory']);
    const directory = optionalString({ config: 'DiskStore', option: 'directory' }, options.directory);
    this.directory = resolve(directory ?? DEFAULT_CACHE_DIRECTORY);
    this.opts = { directory: this.directory };
  }

  /** The value under `key`; `undefined` when there is none, it expired, or its file cannot be read whole. */
  async get<Value>(key: string): Promise<Value | undefined> {
    const path = this.#path(key);
    let file: Buffer;
    try {
      file = await readFile(path);
    } catch {
      return undefined; // missing or unreadable: a miss either way
    }
    const newline = file.indexOf(NEWLINE);
    const header = newline < 0 ? undefined : parseHeader(file.subarray(0, newline).toString('utf8'));
    if (header?.key !== key || file.length - newline - 1 !== header.bytes) return undefined;
    if (header.expires !== null && header.expires <= Date.now()) {
      await rm(path, { force: true }).catch(() => undefined);
      return undefined;
    }
    return file.subarray(newline + 1).toString('utf8') as Value;
  }

  /**
   * Stores `value` (the text Keyv serialized) under `key`, for `ttl` ms when given.
   *
   * @throws {ConfigError} when the value is not text (a Keyv serializer that does not return
   *   strings), or the folder cannot be written to
   */
  async set(key: string, value: unknown, ttl?: number): Promise<boolean> {
    if (typeof value !== 'string') {
      throw new ConfigError(
        `DiskStore stores text, but Keyv gave it ${value === null ? 'null' : `a ${typeof value}`}; keep Keyv's default serializer or use one that returns strings.`,
        { option: 'Keyv.serialize' },
      );
    }
    const header: EntryHeader = {
      key,
      expires: typeof ttl === 'number' && ttl > 0 ? Date.now() + ttl : null,
      bytes: Buffer.byteLength(value),
    };
    try {
      await writeFileAtomic(this.#path(key), `${JSON.stringify(header)}\n${value}`);
    } catch (error) {
      throw new ConfigError(
        `Cannot write to the cache folder ${this.directory} (${messageOf(error)}); make it a folder you can write to with free space, or choose another one.`,
        { option: 'DiskStore.directory', cause: error },
      );
    }
    return true;
  }

  /** Removes the entry under `key`; `true` when there was one. */
  async delete(key: string): Promise<boolean> {
    try {
      await rm(this.#path(key));
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /** Removes every entry of this store's namespace (and writes left unfinished), nothing else. */
  async clear(): Promise<void> {
    await removeCacheFiles(this.directory, await listNamespaceFiles(this.directory, this.namespace));
  }

  /** Keyv subscribes to `error` events; this store never emits any: its failures are thrown. */
  on(): this {
    return this;
  }

  #path(key: string): string {
    return entryPath(this.directory, this.namespace, key);
  }
}

function parseHeader(line: string): EntryHeader | undefined {
  try {
    const header = JSON.parse(line) as Partial<EntryHeader> | null;
    const expiresValid = header?.expires === null || typeof header?.expires === 'number';
    return typeof header?.key === 'string' && typeof header.bytes === 'number' && expiresValid
      ? (header as EntryHeader)
      : undefined;
  } catch {
    return undefined;
  }
}
