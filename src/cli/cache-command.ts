/**
 * The CLI's cache: `docpipe cache stats|clear`, and the `--cache-dir` / `--no-cache` options with
 * which `extract` and `parse` reuse stage results across invocations.
 *
 * @module
 */
import { type Command, Option } from 'commander';
import type { CacheSetting } from '../cache/cache-config.js';
import { clearDiskCache, type DiskCacheStats, diskCache, diskCacheStats } from '../cache/disk-cache.js';
import { DEFAULT_CACHE_DIRECTORY } from '../cache/disk-store.js';
import { formatMebibytes } from '../document/limits.js';
import type { CliIo } from './io.js';

/** The options {@link cacheDirOption} and {@link noCacheOption} add. */
export interface CacheCliOptions {
  /** `false` with `--no-cache`. */
  readonly cache: boolean;
  readonly cacheDir: string;
}

/** `--cache-dir <dir>` (also `DOCPIPE_CACHE_DIR`), for the commands that run stages and for `cache`. */
export function cacheDirOption(what = 'where stage results are kept and reused'): Option {
  return new Option('--cache-dir <dir>', `${what}; relative to the current directory`)
    .env('DOCPIPE_CACHE_DIR')
    .default(DEFAULT_CACHE_DIRECTORY);
}

/** `--no-cache`, for the commands that run stages. */
export function noCacheOption(): Option {
  return new Option('--no-cache', 'neither reuse nor keep stage results');
}

/** The cache a command's options ask for: the disk cache in `--cache-dir`, or none. */
export function cacheFromOptions(options: CacheCliOptions): CacheSetting {
  return options.cache ? diskCache({ directory: options.cacheDir }) : false;
}

/** Adds the `cache` command (`stats`, `clear`) to `program`. */
export function registerCacheCommand(program: Command, io: CliIo): void {
  const cache = program.command('cache').description('Show or clear the cache of stage results.');
  cache
    .command('stats')
    .description('Print how many stage results the cache holds, and their size.')
    .addOption(cacheDirOption('the cache to look at'))
    .action(async ({ cacheDir }: { cacheDir: string }) => {
      io.stdout.write(`${describe(await diskCacheStats(cacheDir))} in ${cacheDir}\n`);
    });
  cache
    .command('clear')
    .description('Remove every stage result from the cache.')
    .addOption(cacheDirOption('the cache to clear'))
    .action(async ({ cacheDir }: { cacheDir: string }) => {
      io.stdout.write(`Removed ${describe(await clearDiskCache(cacheDir))} from ${cacheDir}\n`);
    });
}

function describe({ entries, bytes }: DiskCacheStats): string {
  return `${entries} ${entries === 1 ? 'entry' : 'entries'} (${formatMebibytes(bytes)} MiB)`;
}
