/**
 * Where the disk cache keeps its entries: `<directory>/<namespace>/<hex[0..2]>/<hex>.entry`, one
 * file per key, and how to find them again (for stats and clearing) without touching anything
 * else that lives in the directory.
 *
 * @module
 */

import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, rm, rmdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isErrno, isTempFileName } from '../util/atomic-file.js';

const ENTRY_SUFFIX = '.entry';
const HEX_KEY = /^[0-9a-f]{64}$/;
const ENTRY_FILE = /^[0-9a-f]{64}\.entry$/;
const SHARD = /^[0-9a-f]{2}$/;
// Namespaces used as they are must read as themselves on every file system.
const SAFE_NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** The folder of a namespace's entries. */
export function namespaceDirectory(directory: string, namespace: string | undefined): string {
  return join(directory, namespaceSegment(namespace));
}

/**
 * The file of `key`. A docpipe key (`<namespace>:<sha256 hex>`) keeps its hash as the file name;
 * any other key is hashed, so no key can reach outside its folder.
 */
export function entryPath(directory: string, namespace: string | undefined, key: string): string {
  const local =
    namespace !== undefined && key.startsWith(`${namespace}:`) ? key.slice(namespace.length + 1) : key;
  const name = HEX_KEY.test(local) ? local : sha256Hex(key);
  return join(namespaceDirectory(directory, namespace), name.slice(0, 2), `${name}${ENTRY_SUFFIX}`);
}

/** A file the cache made: an entry, or an unfinished write. */
export interface CacheFile {
  readonly path: string;
  readonly kind: 'entry' | 'temp';
}

/** Every cache file under `directory`, all namespaces. A directory that does not exist has none. */
export async function listCacheFiles(directory: string): Promise<CacheFile[]> {
  const namespaces = await subfolders(directory);
  return filesIn(namespaces.map((name) => join(directory, name)));
}

/** The cache files of one namespace. */
export function listNamespaceFiles(directory: string, namespace: string | undefined): Promise<CacheFile[]> {
  return filesIn([namespaceDirectory(directory, namespace)]);
}

async function filesIn(namespaceFolders: readonly string[]): Promise<CacheFile[]> {
  const files: CacheFile[] = [];
  for (const namespaceFolder of namespaceFolders) {
    for (const shard of await subfolders(namespaceFolder)) {
      if (!SHARD.test(shard)) continue;
      const shardFolder = join(namespaceFolder, shard);
      for (const entry of await entriesOf(shardFolder)) {
        if (!entry.isFile()) continue;
        const kind = ENTRY_FILE.test(entry.name) ? 'entry' : isTempFileName(entry.name) ? 'temp' : undefined;
        if (kind) files.push({ path: join(shardFolder, entry.name), kind });
      }
    }
  }
  return files;
}

/** How many entries and bytes some cache files hold (temporary files are not entries). */
export async function measureEntries(
  files: readonly CacheFile[],
): Promise<{ entries: number; bytes: number }> {
  let entries = 0;
  let bytes = 0;
  for (const file of files) {
    if (file.kind !== 'entry') continue;
    const size = await stat(file.path).then(
      (stats) => stats.size,
      () => undefined, // removed meanwhile by another process
    );
    if (size === undefined) continue;
    entries += 1;
    bytes += size;
  }
  return { entries, bytes };
}

/** Deletes `files`, then the shard and namespace folders they leave empty (never `directory` itself). */
export async function removeCacheFiles(directory: string, files: readonly CacheFile[]): Promise<void> {
  const shards = new Set<string>();
  for (const file of files) {
    await rm(file.path, { force: true });
    shards.add(dirname(file.path));
  }
  const namespaces = new Set<string>();
  for (const shard of shards) {
    await removeIfEmpty(shard);
    namespaces.add(dirname(shard));
  }
  for (const namespace of namespaces) {
    if (namespace !== directory) await removeIfEmpty(namespace);
  }
}

function namespaceSegment(namespace: string | undefined): string {
  if (namespace === undefined || namespace === '') return '_';
  // A leading '_' never starts a safe namespace, so a hashed one cannot collide with a real one.
  return SAFE_NAMESPACE.test(namespace) ? namespace : `_${sha256Hex(namespace).slice(0, 32)}`;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

async function entriesOf(folder: string): Promise<Dirent[]> {
  try {
    return await readdir(folder, { withFileTypes: true });
  } catch (error) {
    if (isErrno(error, 'ENOENT') || isErrno(error, 'ENOTDIR')) return [];
    throw error;
  }
}

async function subfolders(folder: string): Promise<string[]> {
  return (await entriesOf(folder)).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
}

async function removeIfEmpty(folder: string): Promise<void> {
  try {
    await rmdir(folder);
  } catch (error) {
    // Still in use (another namespace, a file the cache did not make) or already gone: leave it.
    if (!isErrno(error, 'ENOTEMPTY') && !isErrno(error, 'EEXIST') && !isErrno(error, 'ENOENT')) throw error;
  }
}
