/**
 * Incomplete items in a library batch: a pipeline that throws for an answer missing required values (no
 * `acceptIncomplete`) still has its item stored as incomplete with what was found; a resume leaves it be.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { itemsFromJson } from '../../src/batch/batch-inputs.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { linearPipeline, RunStore, Stage } from '../../src/index.js';
import { tempRunsDir } from '../runs/support.js';

const Invoice = z.object({ invoice_number: z.string(), total: z.number() });
const items = itemsFromJson(
  [
    { id: 'a', text: 'Invoice number: A-1\nTotal: 5.00\n' },
    { id: 'b', text: 'Invoice number: B-2\n' },
  ],
  { idField: 'id', textField: 'text' },
);
const pipeline = (acceptIncomplete: boolean) =>
  linearPipeline({
    jsonSchema: Invoice,
    stages: [Stage.LLM_EXTRACTION],
    llm: { provider: 'heuristic' },
    cache: false,
    acceptIncomplete,
  });

describe.each([false, true])('a batch whose pipeline has acceptIncomplete: %s', (acceptIncomplete) => {
  it('stores the item missing a value as incomplete, with what was found, and no error', async () => {
    const runsDir = await tempRunsDir();
    const summary = await runBatch(pipeline(acceptIncomplete), items, { name: 'inv', runsDir });
    expect(summary.progress).toMatchObject({ done: 1, incomplete: 1, failed: 0 });
    expect(summary.errors).toEqual([]);
    const version = await new RunStore(runsDir).openVersion('inv', 'v0');
    expect(await version.itemState('b')).toBe('incomplete');
    expect(await version.readIncomplete('b')).toMatchObject({ missing: ['/total'] });
    expect((await version.readResult('b'))?.data).toEqual({ invoice_number: 'B-2', total: null });
    const metadata = JSON.parse(await readFile(join(runsDir, 'inv/v0/metadata.json'), 'utf8'));
    expect(metadata.stats).toMatchObject({ succeeded: 1, incomplete: 1, failed: 0 });

    const resumed = await runBatch(pipeline(acceptIncomplete), items, { name: 'inv', runsDir, resume: true });
    // Finished, both: a resume runs neither again.
    expect(resumed.progress).toMatchObject({ done: 1, incomplete: 1, resumed: 2, failed: 0 });
  });
});
