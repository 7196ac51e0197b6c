/**
 * A real three-document run to report on, made by `runBatch` with the offline heuristic extractor: the
 * example invoice (a PDF with a text layer: succeeded, every field boxed), a text file whose values are
 * markup (`<script>alert(1)</script>`), and a damaged PDF (failed).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveBatchInputs } from '../../src/batch/batch-inputs.js';
import { type JSONSchema, LLMExtractionConfig, linearPipeline, RunStore, runBatch } from '../../src/index.js';

export const INVOICE = fileURLToPath(new URL('../../examples/documents/invoice.pdf', import.meta.url));
export const INVOICE_SCHEMA = fileURLToPath(new URL('../../examples/schemas/invoice.json', import.meta.url));

/** The markup the text document holds as values; the report must show it as text and run none of it. */
export const HOSTILE_TEXT = [
  'Invoice Number: <script>alert(1)</script>',
  'Total Price: 12.50',
  'Customer: <img src=x onerror=alert(2)>',
].join('\n');

/** The run's folder and names. */
export interface ReviewRun {
  /** A temporary folder holding the run and its documents. */
  readonly root: string;
  readonly runsDir: string;
  readonly runName: string;
}

/** Runs the batch into a new temporary folder. */
export async function makeReviewRun(): Promise<ReviewRun> {
  const root = await mkdtemp(join(tmpdir(), 'docpipe-report-'));
  const note = join(root, 'hostile-note.txt');
  const broken = join(root, 'broken.pdf');
  await writeFile(note, `${HOSTILE_TEXT}\n`);
  await writeFile(broken, '%PDF-1.4\nnot really a PDF');
  const pipeline = linearPipeline({
    jsonSchema: JSON.parse(await readFile(INVOICE_SCHEMA, 'utf8')) as JSONSchema,
    llm: new LLMExtractionConfig({ provider: 'heuristic' }),
    cache: false,
  });
  const runsDir = join(root, 'runs');
  const runName = 'review';
  await runBatch(pipeline, await resolveBatchInputs([INVOICE, note, broken]), { name: runName, runsDir });
  await pipeline.close();
  return { root, runsDir, runName };
}

/** The run's latest version. */
export function openReviewRun(run: ReviewRun) {
  return new RunStore(run.runsDir).openVersion(run.runName);
}
