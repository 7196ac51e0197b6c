import { describe, expect, it } from 'vitest';
import { diffJson, RunStore } from '../../src/runs/index.js';
import { metrics, tempRunsDir } from './support.js';

const ids = Array.from({ length: 50 }, (_, n) => `doc-${String(n + 1).padStart(2, '0')}`);
const invoice = (id: string) => ({
  number: id,
  total: 10,
  lines: [{ sku: 'A', qty: 1 }],
  customer: { name: 'Acme', vat: null },
});

async function storeWithBase() {
  const store = new RunStore(await tempRunsDir());
  const v0 = await store.createVersion('invoices', { mode: 'initial', config: {}, itemIds: [...ids] });
  for (const id of ids) await v0.writeResult(id, { data: invoice(id) }, metrics());
  await v0.collate();
  await v0.release();
  return store;
}

describe('RunStore.compare', () => {
  it('names exactly the items a rerun changed, with their field differences', async () => {
    const store = await storeWithBase();
    const v1 = await store.createVersion('invoices', {
      mode: 'rerun',
      baseVersion: 'v0',
      config: {},
      itemIds: ['doc-12', 'doc-40', 'doc-03'],
    });
    await v1.writeResult('doc-12', { data: { ...invoice('doc-12'), total: 12.5 } }, metrics());
    await v1.writeResult(
      'doc-40',
      {
        data: {
          ...invoice('doc-40'),
          lines: [
            { sku: 'A', qty: 2 },
            { sku: 'B', qty: 1 },
          ],
          customer: { name: 'Acme' },
        },
      },
      metrics(),
    );
    // Rerun with the same answer, its keys in another order: unchanged.
    const { customer, lines, total, number } = invoice('doc-03');
    await v1.writeResult('doc-03', { data: { customer, lines, total, number } }, metrics());
    await v1.collate();

    const comparison = await store.compare('invoices', 'v0', 'v1');
    expect(comparison).toEqual({
      runName: 'invoices',
      versionA: 'v0',
      versionB: 'v1',
      onlyInA: [],
      onlyInB: [],
      changed: [
        { item: 'doc-12', fields: [{ path: '/total', a: 10, b: 12.5 }] },
        {
          item: 'doc-40',
          fields: [
            { path: '/lines/0/qty', a: 1, b: 2 },
            { path: '/lines/1', a: undefined, b: { sku: 'B', qty: 1 } },
            { path: '/customer/vat', a: null, b: undefined },
          ],
        },
      ],
      unchanged: 48,
      // doc-03 ran again with the same answer: named, though unchanged.
      rerun: ['doc-12', 'doc-40', 'doc-03'],
    });
    const reversed = await store.compare('invoices', 'v1', 'v0');
    expect(reversed.changed.map((item) => item.item)).toEqual(['doc-12', 'doc-40']);
    expect(reversed.rerun).toEqual(['doc-12', 'doc-40', 'doc-03']);
  });

  it('lists items with a result in one version only, reading a version not collated yet from its items', async () => {
    const store = new RunStore(await tempRunsDir());
    const v0 = await store.createVersion('invoices', {
      mode: 'initial',
      config: {},
      itemIds: ['a', 'b', 'c'],
    });
    for (const id of ['a', 'b']) await v0.writeResult(id, { data: { id } }, metrics());
    await v0.writeError('c', { item: 'c', code: 'provider', message: 'down' }, metrics());
    await v0.release();
    const v1 = await store.createVersion('invoices', {
      mode: 'initial',
      config: {},
      itemIds: ['b', 'c', 'd'],
    });
    for (const id of ['b', 'c', 'd']) await v1.writeResult(id, { data: { id } }, metrics());

    expect(await store.compare('invoices', 'v0', 'latest')).toMatchObject({
      onlyInA: ['a'],
      onlyInB: ['c', 'd'],
      changed: [],
      unchanged: 1,
      rerun: [],
    });
  });

  it('fails with the versions there are when one is missing', async () => {
    const store = await storeWithBase();
    await expect(store.compare('invoices', 'v0', 'v4')).rejects.toThrow(
      "Run 'invoices' has no version v4; its versions are v0",
    );
  });
});

describe('diffJson', () => {
  it('compares objects by key and arrays by index, as JSON Pointers', () => {
    expect(diffJson({ a: { 'x/y': 1, 'm~n': [1, 2] } }, { a: { 'x/y': 2, 'm~n': [1] } })).toEqual([
      { path: '/a/x~1y', a: 1, b: 2 },
      { path: '/a/m~0n/1', a: 2, b: undefined },
    ]);
  });

  it('reports a value whose type changed as a whole, and a changed root at the empty path', () => {
    expect(diffJson({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: '/a', a: [1], b: { 0: 1 } }]);
    expect(diffJson(1, '1')).toEqual([{ path: '', a: 1, b: '1' }]);
    expect(diffJson(null, { a: 1 })).toEqual([{ path: '', a: null, b: { a: 1 } }]);
  });

  it('tells a missing property from a null one, and finds nothing in equal values', () => {
    expect(diffJson({ a: null }, {})).toEqual([{ path: '/a', a: null, b: undefined }]);
    expect(diffJson({ a: [1, { b: 'c' }] }, { a: [1, { b: 'c' }] })).toEqual([]);
  });
});
