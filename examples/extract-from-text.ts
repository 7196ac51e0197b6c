/**
 * Extraction only: text in, no OCR or parser stage. With a model the text goes straight into the
 * prompt; here the offline heuristic extractor reads `Label: value` lines and the item table.
 *
 * Run: npx tsx examples/extract-from-text.ts
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { linearPipeline, Stage } from '../src/index.js';

const Invoice = z.object({
  invoice_number: z.string().nullable(),
  invoice_date: z.iso.date().nullable(),
  total_due: z.number().nullable(),
  items: z.array(z.object({ item: z.string(), qty: z.number(), amount: z.number() })),
});

const pipeline = linearPipeline({
  jsonSchema: Invoice,
  stages: [Stage.LLM_EXTRACTION],
  llm: { provider: 'heuristic' },
});
const text = await readFile(new URL('./documents/invoice.txt', import.meta.url), 'utf8');
const { data } = await pipeline.run({ text });
console.log(JSON.stringify(data, null, 2));
