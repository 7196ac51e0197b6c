/**
 * The disk cache as users reach it: a ready {@link CacheConfig}, and the size and clearing of a
 * cache folder (what `docpipe cache stats|clear` print).
 *
 * @module
 */
import { resolve } from 'node:path';
import Keyv from 'keyv';
import { ConfigError, messageOf } from '../spec/errors.js';
import { checkOptionKeys } from '../util/config-checks.js';
import { listCacheFiles, measureEntries, removeCacheFiles } from './disk-layout.js';
import { DEFAULT_CACHE_DIRECTORY, DiskStore } from './disk-store.js';
import { type CacheConfigWithStore, cacheConfigAround, type StoreSettings } from './store-cache-config.js';

/** Options of {@link diskCache}. */
export interface DiskCacheOptions extends StoreSettings {
  /** The cache folder; relative paths are resolved against the current directory. @default '.docpipe/cache' */
  readonly directory?: string;
}

/** How much a cache folder holds. */
export interface DiskCacheStats {
  /** The number of entries (stage results). */
  readonly entries: number;
  /** Their size on disk, in bytes. */
  readonly bytes: number;
}

/**
 * Cache settings that keep stage results in files, so they are reused by later processes too
 * (the CLI's default).
 *
 * @example
 * ```ts
 * const pipeline = linearPipeline({ jsonSchema: Invoice, cache: diskCache() }); // .docpipe/cache
 * const shared = diskCache({ directory: '/var/cache/docpipe', ttlMs: 7 * 86_400_000 });
 * ```
 * @throws {ConfigError} when an option is unknown or invalid
 */
export function diskCache(options: DiskCacheOptions = {}): CacheConfigWithStore {
  checkOptionKeys('diskCache', options, ['directory', 'namespace', 'ttlMs']);
  const store = new DiskStore(options.directory === undefined ? {} : { directory: options.directory });
  return cacheConfigAround(options, (namespace) => new Keyv({ store, namespace }));
}

/**
 * The entries and bytes of a disk cache folder, over all namespaces; a folder that does not exist
 * holds none.
 *
 * @example
 * ```ts
 * const { entries, bytes } = await diskCacheStats('.docpipe/cache');
 * ```
 * @throws {ConfigError} when the folder cannot be read
 */
export function diskCacheStats(directory: string = DEFAULT_CACHE_DIRECTORY): Promise<DiskCacheStats> {
  return inCacheFolder(directory, 'read', async (folder) => measureEntries(await listCacheFiles(folder)));
}

/**
 * Removes every entry of a disk cache folder (all namespaces, and writes a killed process left
 * unfinished) and says what it removed. Files the cache did not make are left alone, so pointing
 * it at the wrong folder deletes nothing else.
 *
 * @example
 * ```ts
 * const { entries } = await clearDiskCache('.docpipe/cache');
 * ```
 * @throws {ConfigError} when the folder cannot be read or its entries cannot be removed
 */
export function clearDiskCache(directory: string = DEFAULT_CACHE_DIRECTORY): Promise<DiskCacheStats> {
  return inCacheFolder(directory, 'clear', async (folder) => {
    const files = await listCacheFiles(folder);
    const removed = await measureEntries(files);
    await removeCacheFiles(folder, files);
    return removed;
  });
}

/** Runs `work` on the absolute path of `directory`, turning a file-system failure into a ConfigError. */
async function inCacheFolder<T>(
  directory: string,
  what: 'read' | 'clear',
  work: (folder: string) => Promise<T>,
): Promise<T> {
  const folder = resolve(directory);
  try {
    return await work(folder);
  } catch (error) {
    throw new ConfigError(
      `Cannot ${what} the cache folder ${folder} (${messageOf(error)}); check that it is a folder you may ${what === 'read' ? 'read' : 'write to'}, or choose another one.`,
      { option: 'directory', cause: error },
    );
  }
}
