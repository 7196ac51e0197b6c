/**
 * A batch as a versioned run: run it, resume it (nothing finished runs again), rerun one item as a
 * new version, and compare the two versions. Runs go to a temporary folder here; the CLI's
 * `docpipe batch` and `docpipe runs` do the same from the command line.
 *
 * Run: npx tsx examples/batch-runs.ts
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { linearPipeline, RunStore, rerunItems, resolveBatchInputs, runBatch } from '../src/index.js';

const Invoice = z.object({
  invoice_number: z.string().nullable(),
  total: z
    .number()
    .nullable()
    .meta({ aliases: ['Total Price', 'Total due'] }),
});
const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-example-runs-'));
const documents = ['invoice.pdf', 'invoice.txt'].map((name) =>
  fileURLToPath(new URL(`./documents/${name}`, import.meta.url)),
);
const items = await resolveBatchInputs(documents);
const pipeline = linearPipeline({ jsonSchema: Invoice, llm: { provider: 'heuristic' } });

const first = await runBatch(pipeline, items, { name: 'invoices', runsDir, label: 'beta' });
console.log(`${first.version}: ${first.progress.done} done, ${first.progress.failed} failed`);

// A killed run continues where it stopped; here everything is finished, so nothing runs again.
const resumed = await runBatch(pipeline, items, { name: 'invoices', runsDir, resume: true });
console.log(`resumed ${resumed.version}: ${resumed.progress.done} done, none paid again`);

// Rerun one item (after a prompt fix, say): a new version that keeps the other results.
const rerun = await rerunItems(pipeline, items.slice(1), {
  name: 'invoices',
  runsDir,
  notes: 'rerun after a fix',
});
const store = new RunStore(runsDir);
const comparison = await store.compare('invoices', 'v0', rerun.version ?? 'latest');
console.log(`${rerun.version}: changed ${comparison.changed.length}, unchanged ${comparison.unchanged}`);
console.log(
  (await store.listRuns())
    .map((run) => `${run.runName}: ${run.versions.map((v) => `${v.version} (${v.label})`).join(', ')}`)
    .join('\n'),
);
await pipeline.close();
