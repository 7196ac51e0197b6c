/**
 * The CLI's cache: `docpipe cache stats|clear`, and the `--cache-dir` / `--no-cache` options with
 * which `extract` and `parse` reuse stage results across invocations.
 *
 * @module
 */
import { accessSync, constants, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
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

/**
 * `--cache-dir <dir>` (also `DOCPIPE_CACHE_DIR`), for the commands that run stages and for `cache`. A value
 * that is a file, or a directory the command cannot use, is a usage error up front: otherwise a run would
 * fail on its first cache write, and `cache stats` would report "0 entries" for a cache that is not there.
 *
 * @param access - `write` for the commands that store results or clear them, `read` for `cache stats`.
 */
export function cacheDirOption(
  what = 'where stage results are kept and reused',
  access: 'read' | 'write' = 'write',
): Option {
  return new Option('--cache-dir <dir>', `${what}; relative to the current directory`)
    .env('DOCPIPE_CACHE_DIR')
    .default(DEFAULT_CACHE_DIRECTORY)
    .argParser((value: string) => usableCacheDirectory(value, access));
}

/** `value` when it is a directory the command can use, or one that can be created; else a usage error. */
function usableCacheDirectory(value: string, access: 'read' | 'write'): string {
  // A directory not there yet is created by the first write, inside its nearest existing ancestor.
  let existing = resolve(value);
  while (!exists(existing) && dirname(existing) !== existing) existing = dirname(existing);
  if (!statSync(existing).isDirectory()) {
    const where = existing === resolve(value) ? 'is a file' : `is inside the file ${existing}`;
    throw new InvalidArgumentError(`${value} ${where}, not a directory; pass a directory for the cache.`);
  }
  const mode = access === 'write' || existing !== resolve(value) ? constants.W_OK : constants.R_OK;
  try {
    accessSync(existing, mode | constants.X_OK);
  } catch {
    const verb = mode === constants.W_OK ? 'written to' : 'read';
    throw new InvalidArgumentError(
      `${existing} cannot be ${verb} by this user; pass a directory docpipe can ${mode === constants.W_OK ? 'write' : 'read'}, or use --no-cache.`,
    );
  }
  return value;
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
    .addOption(cacheDirOption('the cache to look at', 'read'))
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

// ENOTDIR too: a path below a file does not exist, and the file is what the loop must stop at.
function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

function describe({ entries, bytes }: DiskCacheStats): string {
  return `${entries} ${entries === 1 ? 'entry' : 'entries'} (${formatMebibytes(bytes)} MiB)`;
}
