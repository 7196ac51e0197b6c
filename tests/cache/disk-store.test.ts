import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Keyv from 'keyv';
import { beforeEach, describe, expect, it } from 'vitest';
import { entryPath } from '../../src/cache/disk-layout.js';
import {
  ConfigError,
  clearDiskCache,
  DiskStore,
  diskCache,
  diskCacheStats,
  linearPipeline,
} from '../../src/index.js';
import { createMockExtractionModel, createMockOcrProvider } from '../../src/testing/index.js';

const HEX = 'ab'.repeat(32);
let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'docpipe-disk-store-'));
});

function keyvOn(dir: string, namespace = 'docpipe') {
  const store = new DiskStore({ directory: dir });
  return { store, keyv: new Keyv({ store, namespace }) };
}

/** Every file under `dir`, relative to it. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

describe('DiskStore', () => {
  it('keeps each entry in its own file, named by the key hash under the namespace, and reads it back', async () => {
    const { keyv } = keyvOn(directory);
    await keyv.set(HEX, 'the output');
    expect(await keyv.get(HEX)).toBe('the output');
    expect(await filesUnder(directory)).toEqual([join('docpipe', 'ab', `${HEX}.entry`)]);
    // Another process (another store on the same folder) reads it too.
    expect(await keyvOn(directory).keyv.get(HEX)).toBe('the output');
  });

  it('hashes keys and namespaces that are not safe as paths, so nothing lands outside the folder', async () => {
    const { keyv } = keyvOn(directory, '../../escape');
    await keyv.set('../../../etc/passwd', 'value');
    expect(await keyv.get('../../../etc/passwd')).toBe('value');
    const files = await filesUnder(directory);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^_[0-9a-f]{32}\/[0-9a-f]{2}\/[0-9a-f]{64}\.entry$/);
  });

  it('honours the TTL: an expired entry is a miss and its file is removed', async () => {
    const { keyv, store } = keyvOn(directory);
    await keyv.set(HEX, 'short-lived', 20);
    await keyv.set('forever', 'kept');
    expect(await keyv.get(HEX)).toBe('short-lived');
    await sleep(40);
    // The store checks the expiry itself, not only Keyv's wrapper.
    expect(await store.get(`docpipe:${HEX}`)).toBeUndefined();
    expect(await keyv.get(HEX)).toBeUndefined();
    expect(await keyv.get('forever')).toBe('kept');
    expect(await diskCacheStats(directory)).toMatchObject({ entries: 1 });
  });

  it.each([
    ['garbage', (path: string) => writeFile(path, 'not an entry at all')],
    ['a truncated file', async (path: string) => truncate(path, (await stat(path)).size - 5)],
    ['an empty file', (path: string) => writeFile(path, '')],
    ['another key’s entry', async (path: string, other: string) => writeFile(path, await readFile(other))],
  ])('reads %s as a miss, and the next write replaces it', async (_, damage) => {
    const { keyv } = keyvOn(directory);
    await keyv.set('other', 'other value');
    await keyv.set(HEX, 'the output');
    const path = entryPath(directory, 'docpipe', `docpipe:${HEX}`);
    await damage(path, entryPath(directory, 'docpipe', 'docpipe:other'));
    expect(await keyv.get(HEX)).toBeUndefined();
    await keyv.set(HEX, 'recomputed');
    expect(await keyv.get(HEX)).toBe('recomputed');
  });

  it('ignores a temporary file a killed write left behind; clearing removes it', async () => {
    const { keyv } = keyvOn(directory);
    const path = entryPath(directory, 'docpipe', `docpipe:${HEX}`);
    await mkdir(dirname(path), { recursive: true });
    // The name writeFileAtomic gives its temporary files: `.<name>.<12 hex>.tmp`.
    await writeFile(join(dirname(path), `.${basename(path)}.0123456789ab.tmp`), '{"key":"docpipe:ab');
    expect(await keyv.get(HEX)).toBeUndefined();
    await keyv.set(HEX, 'complete');
    expect(await keyv.get(HEX)).toBe('complete');
    expect(await diskCacheStats(directory)).toMatchObject({ entries: 1 });
    expect(await clearDiskCache(directory)).toMatchObject({ entries: 1 });
    expect(await filesUnder(directory)).toEqual([]);
  });

  it('never lets a reader see a half-written entry while writers replace it', async () => {
    const { keyv } = keyvOn(directory);
    const values = Array.from({ length: 8 }, (_, i) => String(i).repeat(200_000));
    await keyv.set(HEX, values[0]);
    const seen = new Set<unknown>();
    let writing = true;
    const reader = (async () => {
      while (writing) seen.add(await keyv.get(HEX));
    })();
    await Promise.all(values.map((value) => keyvOn(directory).keyv.set(HEX, value)));
    writing = false;
    await reader;
    for (const value of seen) expect(values).toContain(value);
  });

  it('leaves only whole entries behind when the writing process is killed', async () => {
    const writer = spawn(
      process.execPath,
      ['--import', 'tsx', new URL('./write-forever.ts', import.meta.url).pathname, directory],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // Let it write a while, then kill it mid-write.
    await once(writer.stdout, 'data');
    await sleep(150);
    writer.kill('SIGKILL');
    await once(writer, 'exit');
    const { keyv } = keyvOn(directory);
    const { entries } = await diskCacheStats(directory);
    expect(entries).toBeGreaterThan(0);
    for (let i = 0; i < entries; i++) {
      const value = await keyv.get(`key-${i}`);
      expect(value === undefined || value === `${i}`.repeat(100_000)).toBe(true);
    }
  });

  it('clears its own namespace only, and clearing a folder leaves files the cache did not make', async () => {
    const docpipe = keyvOn(directory, 'docpipe').keyv;
    const other = keyvOn(directory, 'other').keyv;
    await docpipe.set(HEX, 'a');
    await other.set(HEX, 'b');
    await writeFile(join(directory, 'notes.txt'), 'mine');
    await docpipe.clear();
    expect(await docpipe.get(HEX)).toBeUndefined();
    expect(await other.get(HEX)).toBe('b');
    expect(await clearDiskCache(directory)).toMatchObject({ entries: 1 });
    expect(await filesUnder(directory)).toEqual(['notes.txt']);
  });

  it('counts entries and bytes; a folder that does not exist holds none', async () => {
    const { keyv } = keyvOn(directory);
    await keyv.set('a', 'x'.repeat(1000));
    await keyv.set('b', 'y'.repeat(1000));
    const stats = await diskCacheStats(directory);
    expect(stats.entries).toBe(2);
    expect(stats.bytes).toBeGreaterThan(2000);
    expect(await diskCacheStats(join(directory, 'missing'))).toEqual({ entries: 0, bytes: 0 });
    expect(await clearDiskCache(join(directory, 'missing'))).toEqual({ entries: 0, bytes: 0 });
  });

  it('turns into no cache, with one warning, in a folder it cannot write to; the runs complete', async () => {
    const notAFolder = join(directory, 'a-file');
    await writeFile(notAFolder, 'in the way');
    const ocr = createMockOcrProvider();
    const pipeline = linearPipeline({
      jsonSchema: { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] },
      cache: diskCache({ directory: notAFolder }),
      ocr: { provider: ocr },
      llm: { provider: createMockExtractionModel({ respond: { title: 'x' } }) },
    });
    const results = [await pipeline.run({ text: 'One' }), await pipeline.run({ text: 'One' })];
    const warnings = results
      .flatMap((result) => result.warnings)
      .filter((w) => w.code === 'cache-unavailable');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toContain(`Cannot write to the cache folder ${notAFolder}`);
    expect(ocr.calls).toHaveLength(2);
  });

  it('refuses values that are not text and options it does not know, with a ConfigError', async () => {
    const store = new DiskStore({ directory });
    await expect(store.set('key', { not: 'text' })).rejects.toThrow(ConfigError);
    await expect(store.set('key', { not: 'text' })).rejects.toThrow(/keep Keyv's default serializer/);
    expect(() => new DiskStore({ directory: '' })).toThrow(ConfigError);
    expect(() => diskCache({ directory, ttl: 5 } as never)).toThrow("diskCache has no option 'ttl'");
  });

  it('makes a cache config with the namespace and TTL asked for', () => {
    const config = diskCache({ directory, namespace: 'invoices', ttlMs: 60_000 });
    expect(config).toMatchObject({ enabled: true, namespace: 'invoices', ttlMs: 60_000 });
    expect(config.store.namespace).toBe('invoices');
    expect((config.store.store as DiskStore).directory).toBe(directory);
  });
});
