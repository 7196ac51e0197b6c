import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../src/runs/index.js';
import { deadPid, metrics, tempRunsDir } from './support.js';

describe('RunStore.status', () => {
  it('counts items by state and by stored stage output, and lists what remains', async () => {
    const store = new RunStore(await tempRunsDir());
    const itemIds = ['done-1', 'done-2', 'short', 'failed-1', 'ocr-only', 'parsed', 'pending-1', 'pending-2'];
    const version = await store.createVersion('invoices', { mode: 'initial', config: {}, itemIds });
    for (const id of ['done-1', 'done-2', 'failed-1', 'ocr-only', 'parsed'])
      await version.writeStageOutput(id, 'ocr', {});
    for (const id of ['done-1', 'done-2', 'failed-1', 'parsed'])
      await version.writeStageOutput(id, 'parser', {});
    for (const id of ['done-1', 'done-2']) {
      await version.writeStageOutput(id, 'llm-extraction', {});
      await version.writeResult(id, { data: {} }, metrics());
    }
    const incomplete = { missing: ['/total'], message: 'no total' };
    await version.writeResult('short', { data: { total: null } }, metrics(), incomplete);
    await version.writeError(
      'failed-1',
      { item: 'failed-1', stage: 'llm-extraction', code: 'provider', message: 'down' },
      metrics(),
    );
    await version.writeInput({ id: 'pending-1', source: { kind: 'text', text: '…' } });

    expect(await store.status('invoices')).toEqual({
      runName: 'invoices',
      version: 'v0',
      state: 'running',
      items: 8,
      done: 2,
      incomplete: 1,
      failed: 1,
      partial: 2,
      pending: 2,
      stages: { ocr: 5, parser: 4, 'llm-extraction': 2 },
      remaining: ['ocr-only', 'parsed', 'pending-1', 'pending-2'],
      failedItems: ['failed-1'],
      incompleteItems: ['short'],
    });
  });

  it('reports a version whose batch was killed as interrupted', async () => {
    const store = new RunStore(await tempRunsDir());
    const version = await store.createVersion('invoices', { mode: 'initial', config: {}, itemIds: ['a'] });
    const lock = {
      pid: await deadPid(),
      hostname: hostname(),
      token: 'killed',
      acquiredAt: new Date().toISOString(),
    };
    await writeFile(join(version.directory, '.lock'), JSON.stringify(lock));
    expect(await store.status('invoices', 'v0')).toMatchObject({
      state: 'interrupted',
      pending: 1,
      remaining: ['a'],
    });
  });
});
