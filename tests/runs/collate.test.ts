import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore, type RunVersion } from '../../src/runs/index.js';
import { metrics, tempRunsDir } from './support.js';

const ids = Array.from({ length: 50 }, (_, n) => `doc-${String(n + 1).padStart(2, '0')}`);

/** Writes each item as a batch would: its input, then a result (or an error for the ids in `failing`). */
async function processItems(
  version: RunVersion,
  itemIds: readonly string[],
  dataOf: (id: string) => unknown,
  failing: readonly string[] = [],
) {
  for (const [index, id] of itemIds.entries()) {
    await version.writeInput({ id, source: { kind: 'file', path: `in/${id}.pdf` }, outputId: index + 1 });
    if (failing.includes(id))
      await version.writeError(
        id,
        { item: id, stage: 'llm-extraction', code: 'validation', message: 'no total', attempts: 3 },
        metrics(),
      );
    else await version.writeResult(id, { data: dataOf(id), usage: { costUsd: 0.01 } }, metrics(0.01));
  }
}

async function readCollated(
  version: RunVersion,
): Promise<{ id: string; outputId?: number; data: unknown }[]> {
  return JSON.parse(await readFile(join(version.directory, 'collated', 'results.json'), 'utf8'));
}

async function baseRun(failing: readonly string[] = []) {
  const store = new RunStore(await tempRunsDir());
  const v0 = await store.createVersion('invoices', { mode: 'initial', config: {}, itemIds: [...ids] });
  await processItems(v0, ids, (id) => ({ id, total: 1 }), failing);
  return { store, v0 };
}

async function rerun(
  store: RunStore,
  itemIds: string[],
  dataOf: (id: string) => unknown,
  failing: readonly string[] = [],
) {
  const version = await store.createVersion('invoices', {
    mode: 'rerun',
    baseVersion: 'latest',
    config: {},
    itemIds,
  });
  await processItems(version, itemIds, dataOf, failing);
  return version;
}

describe('RunVersion.collate', () => {
  it('collates results in item order with their output ids, and failures into errors.json', async () => {
    const { v0 } = await baseRun(['doc-07']);
    expect(await v0.collate()).toEqual({ results: 49, errors: 1 });
    const collated = await readCollated(v0);
    expect(collated.map((entry) => entry.id)).toEqual(ids.filter((id) => id !== 'doc-07'));
    expect(collated[0]).toEqual({ id: 'doc-01', outputId: 1, data: { id: 'doc-01', total: 1 } });
    const errorsText = await readFile(join(v0.directory, 'errors.json'), 'utf8');
    expect(JSON.parse(errorsText)).toEqual([
      { item: 'doc-07', stage: 'llm-extraction', code: 'validation', message: 'no total', attempts: 3 },
    ]);
    expect(errorsText).toMatch(/^\[\n {2}\{\n {4}"item": "doc-07",/);
    expect((await readdir(join(v0.directory, 'collated'))).sort()).toEqual(['results.json']);
  });

  it('merges a rerun of 2 items with its base: all 50, in the base order, the 2 replaced', async () => {
    const { store, v0 } = await baseRun();
    await v0.collate();
    await v0.release();
    const v1 = await rerun(store, ['doc-30', 'doc-05'], (id) => ({ id, total: 2 }));
    expect(await v1.collate()).toEqual({ results: 50, errors: 0 });
    const collated = await readCollated(v1);
    expect(collated.map((entry) => entry.id)).toEqual(ids);
    const replaced = collated
      .filter((entry) => (entry.data as { total: number }).total === 2)
      .map((entry) => entry.id);
    expect(replaced).toEqual(['doc-05', 'doc-30']);
    // The base itself is untouched.
    expect((await readCollated(v0)).every((entry) => (entry.data as { total: number }).total === 1)).toBe(
      true,
    );
  });

  it('keeps the place of an item the base failed and a rerun fixed, and leaves out one the rerun failed', async () => {
    const { store, v0 } = await baseRun(['doc-07']);
    await v0.collate();
    await v0.release();
    const v1 = await rerun(store, ['doc-07', 'doc-08'], (id) => ({ id, total: 2 }), ['doc-08']);
    expect(await v1.collate()).toEqual({ results: 49, errors: 1 });
    const collated = await readCollated(v1);
    expect(collated.map((entry) => entry.id)).toEqual(ids.filter((id) => id !== 'doc-08'));
    expect(collated[6]).toMatchObject({ id: 'doc-07', data: { total: 2 } });
    expect(JSON.parse(await readFile(join(v1.directory, 'errors.json'), 'utf8'))).toEqual([
      expect.objectContaining({ item: 'doc-08' }),
    ]);
  });

  it('builds on an uncollated base (a killed batch) from its items, and chains reruns', async () => {
    const { store, v0 } = await baseRun();
    await v0.release(); // never collated
    const v1 = await rerun(store, ['doc-02'], (id) => ({ id, total: 2 }));
    await v1.release();
    const v2 = await rerun(store, ['doc-03', 'doc-51'], (id) => ({ id, total: 3 }));
    expect(await v2.metadata()).toMatchObject({ baseVersion: 'v1' });
    expect(await v2.collate()).toEqual({ results: 51, errors: 0 });
    const collated = await readCollated(v2);
    expect(collated.map((entry) => entry.id)).toEqual([...ids, 'doc-51']);
    expect(collated.slice(0, 3).map((entry) => (entry.data as { total: number }).total)).toEqual([1, 2, 3]);
  });

  it('collates a result without data (a pipeline that only parses) as null', async () => {
    const store = new RunStore(await tempRunsDir());
    const version = await store.createVersion('parsed', { mode: 'initial', config: {}, itemIds: ['a'] });
    await version.writeResult('a', { data: undefined, warnings: [] }, metrics());
    await version.collate();
    expect(await readCollated(version)).toEqual([{ id: 'a', data: null }]);
  });
});
