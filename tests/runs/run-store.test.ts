import { readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/runs/index.js';
import { InputError } from '../../src/spec/errors.js';
import { deadPid, tempRunsDir } from './support.js';

const init = { mode: 'initial', config: { stages: ['ocr', 'parser'] }, itemIds: ['a', 'b'] } as const;

async function newVersion(store: RunStore, runName = 'invoices') {
  const version = await store.createVersion(runName, { ...init, itemIds: [...init.itemIds] });
  await version.release();
  return version;
}

/** Replaces a version's lock with one held by `pid`, as a batch that was killed leaves it. */
async function lockAs(directory: string, pid: number, host = hostname()): Promise<void> {
  const lock = { pid, hostname: host, token: 'a-killed-batch', acquiredAt: new Date().toISOString() };
  await writeFile(join(directory, '.lock'), JSON.stringify(lock));
}

describe('RunStore versions', () => {
  it('numbers versions v0, v1, … and moves latest to the newest', async () => {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    const v0 = await store.createVersion('invoices', {
      ...init,
      itemIds: ['a', 'b'],
      label: 'beta',
      notes: 'first',
    });
    expect(v0.version).toBe('v0');
    expect(v0.directory).toBe(join(runsDir, 'invoices', 'v0'));
    expect(await readlink(join(runsDir, 'invoices', 'latest'))).toBe('v0');
    const metadata = await v0.metadata();
    expect(metadata).toMatchObject({
      version: 'v0',
      runName: 'invoices',
      mode: 'initial',
      label: 'beta',
      notes: 'first',
      state: 'running',
      durationSeconds: 0,
      config: { stages: ['ocr', 'parser'] },
      itemIds: ['a', 'b'],
      stats: { items: 2, succeeded: 0, failed: 0, costUsd: 0 },
    });
    expect(Number.isNaN(Date.parse(metadata.createdAt))).toBe(false);
    await v0.release();

    const v1 = await newVersion(store);
    expect(v1.version).toBe('v1');
    expect(await readlink(join(runsDir, 'invoices', 'latest'))).toBe('v1');
    expect((await store.openVersion('invoices')).version).toBe('v1');
    expect((await store.openVersion('invoices', 'v0')).version).toBe('v0');
    expect((await store.openVersion('invoices', '0')).version).toBe('v0');
    expect((await v1.metadata()).label).toBe('draft');
  });

  it('writes metadata.json pretty-printed', async () => {
    const runsDir = await tempRunsDir();
    await newVersion(new RunStore(runsDir));
    const text = await readFile(join(runsDir, 'invoices', 'v0', 'metadata.json'), 'utf8');
    expect(text).toMatch(/^\{\n {2}"version": "v0",\n/);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('gives concurrent createVersion calls of one run different versions, and latest the newest', async () => {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    const versions = await Promise.all(Array.from({ length: 8 }, () => newVersion(store)));
    const names = versions.map((version) => version.version).sort();
    expect(names).toEqual(['v0', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', 'v7']);
    expect(await readlink(join(runsDir, 'invoices', 'latest'))).toBe('v7');
    // Two stores on one folder, as two batch processes would be.
    const [a, b] = await Promise.all([newVersion(new RunStore(runsDir)), newVersion(new RunStore(runsDir))]);
    expect(new Set([a.version, b.version])).toEqual(new Set(['v8', 'v9']));
  });

  it('stores the base of a rerun as the version latest resolved to', async () => {
    const store = new RunStore(await tempRunsDir());
    await newVersion(store);
    const rerun = await store.createVersion('invoices', {
      mode: 'rerun',
      baseVersion: 'latest',
      config: {},
      itemIds: ['a'],
    });
    expect(await rerun.metadata()).toMatchObject({ mode: 'rerun', baseVersion: 'v0' });
    await rerun.release();
    await expect(
      store.createVersion('invoices', { mode: 'rerun', baseVersion: 'v7', config: {}, itemIds: ['a'] }),
    ).rejects.toThrow("Run 'invoices' has no version v7; its versions are v0, v1, so pick one of them.");
  });

  it('refuses run names that are not folder names and item ids that would share a folder', async () => {
    const store = new RunStore(await tempRunsDir());
    for (const runName of ['../escape', 'a/b', '.hidden', '', 'CON']) {
      await expect(store.createVersion(runName, { ...init, itemIds: ['a'] })).rejects.toThrow(InputError);
    }
    await expect(store.createVersion('invoices', { ...init, itemIds: ['a', 'b', 'a'] })).rejects.toThrow(
      "Item ids must be unique, but 'a' appears twice; give each item its own id.",
    );
    await expect(
      store.createVersion('invoices', { ...init, itemIds: ['scan.PDF', 'scan.pdf'] }),
    ).rejects.toThrow("'scan.PDF' and 'scan.pdf' differ only in case");
  });

  it('names the runs and versions there are when asked for a missing one', async () => {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    await expect(store.openVersion('invoices')).rejects.toThrow(
      `There is no run named 'invoices' in ${runsDir}; there are no runs there yet, so check the name or the runs folder (--runs-dir).`,
    );
    await newVersion(store, 'invoices');
    await newVersion(store, 'receipts');
    const missingRun = store.openVersion('orders');
    await expect(missingRun).rejects.toThrow(InputError);
    await expect(missingRun).rejects.toThrow('the runs there are invoices, receipts');
    await expect(store.openVersion('invoices', 'v3')).rejects.toThrow(
      "Run 'invoices' has no version v3; its versions are v0, so pick one of them.",
    );
    await expect(store.openVersion('invoices', 'newest')).rejects.toThrow(
      "'newest' is not a run version; write one such as v0, v1 or latest.",
    );
  });

  it('ignores a version folder without metadata (a creation cut short) and falls back when latest is gone', async () => {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    await newVersion(store);
    await newVersion(store);
    await rm(join(runsDir, 'invoices', 'v1', 'metadata.json'));
    await rm(join(runsDir, 'invoices', 'latest'));
    expect((await store.openVersion('invoices')).version).toBe('v0');
    expect((await store.listRuns())[0]?.versions.map((v) => v.version)).toEqual(['v0']);
    // The next version still gets a number of its own.
    expect((await newVersion(store)).version).toBe('v2');
  });

  it('lists runs by name with their versions, oldest first, and latest', async () => {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    expect(await store.listRuns()).toEqual([]);
    await newVersion(store, 'receipts');
    await newVersion(store, 'invoices');
    await newVersion(store, 'invoices');
    const runs = await store.listRuns();
    expect(runs.map((run) => [run.runName, run.latest, run.versions.map((v) => v.version)])).toEqual([
      ['invoices', 'v1', ['v0', 'v1']],
      ['receipts', 'v0', ['v0']],
    ]);
    expect((await store.listRuns('receipts')).map((run) => run.runName)).toEqual(['receipts']);
    await expect(store.listRuns('orders')).rejects.toThrow("There is no run named 'orders'");
  });
});

describe('RunStore locks', () => {
  it('refuses to resume a version a live batch holds, naming its pid', async () => {
    const store = new RunStore(await tempRunsDir());
    const running = await store.createVersion('invoices', { ...init, itemIds: ['a'] });
    await expect(store.resumeVersion('invoices')).rejects.toThrow(
      new RegExp(`^Another batch is running run 'invoices' version v0 \\(pid ${process.pid}\\); wait for it`),
    );
    await expect(store.resumeVersion('invoices', 'v0')).rejects.toThrow(InputError);
    await running.release();
    const resumed = await store.resumeVersion('invoices');
    expect(resumed.version).toBe('v0');
    await resumed.release();
  });

  it('takes over the lock of a batch that was killed, and reports that version interrupted', async () => {
    const store = new RunStore(await tempRunsDir());
    const killed = await store.createVersion('invoices', { ...init, itemIds: ['a'] });
    await lockAs(killed.directory, await deadPid());
    expect((await store.openVersion('invoices')).version).toBe('v0');
    expect((await (await store.openVersion('invoices')).metadata()).state).toBe('interrupted');

    const resumed = await store.resumeVersion('invoices');
    expect((await resumed.metadata()).state).toBe('running');
    await killed.release(); // the killed batch's handle no longer owns the lock: nothing dropped
    await expect(store.resumeVersion('invoices')).rejects.toThrow(`pid ${process.pid}`);
    await resumed.release();
    expect(await readdir(killed.directory)).toEqual(['metadata.json']); // no lock, no leftovers
  });

  it('lets only one of two concurrent resumes of a killed batch take the lock', async () => {
    const store = new RunStore(await tempRunsDir());
    const killed = await store.createVersion('invoices', { ...init, itemIds: ['a'] });
    await lockAs(killed.directory, await deadPid());
    const attempts = await Promise.allSettled([
      store.resumeVersion('invoices'),
      store.resumeVersion('invoices'),
    ]);
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(1);
    const refused = attempts.find((attempt) => attempt.status === 'rejected');
    expect(String(refused?.reason)).toContain('Another batch is running');
  });

  it('treats a lock from another host as live, and says how to remove it', async () => {
    const store = new RunStore(await tempRunsDir());
    const version = await newVersion(store);
    await lockAs(version.directory, 1234, 'build-box-7');
    await expect(store.resumeVersion('invoices')).rejects.toThrow(
      `(pid 1234 on build-box-7); wait for it to finish or stop it, and if that process is gone, delete ${join(version.directory, '.lock')}.`,
    );
  });

  it('release can be called twice, and a read-only handle has no lock to drop', async () => {
    const store = new RunStore(await tempRunsDir());
    const first = await store.createVersion('invoices', { ...init, itemIds: ['a'] });
    await first.release();
    const second = await store.resumeVersion('invoices');
    await first.release();
    await (await store.openVersion('invoices')).release();
    await expect(store.resumeVersion('invoices')).rejects.toThrow('Another batch is running');
    await second.release();
    await second.release();
    await (await store.resumeVersion('invoices')).release();
  });
});
