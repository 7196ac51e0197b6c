/**
 * The README's main job as a library call: a real invoice PDF through OCR (its text layer here),
 * the layout-conserved parser and the offline heuristic extractor, into a typed, validated object.
 * Swap `provider: 'heuristic'` for 'anthropic', 'bedrock' or 'openai-compatible' to use a model.
 *
 * Run: npx tsx examples/quick-start.ts
 */
import { z } from 'zod';
import { LLMExtractionConfig, linearPipeline } from '../src/index.js';

const Invoice = z.object({
  invoice_number: z.string().nullable(),
  customer_name: z
    .string()
    .nullable()
    .meta({ aliases: ['Customer'] }),
  payable_by: z.iso
    .date()
    .nullable()
    .meta({ aliases: ['Payable on or before'] }),
  total: z
    .number()
    .nullable()
    .meta({ aliases: ['Total Price'] }),
});

const pipeline = linearPipeline({
  jsonSchema: Invoice,
  llm: new LLMExtractionConfig({ provider: 'heuristic' }),
});
const result = await pipeline.run(new URL('./documents/invoice.pdf', import.meta.url));
console.log(JSON.stringify(result.data, null, 2)); // typed: { invoice_number: string | null; ... }
console.log(`${result.fields.length} values grounded, e.g. ${JSON.stringify(result.fields[0])}`);
await pipeline.close();
