/**
 * A DAG: one OCR stage feeding two parsers, an extraction stage after each, and a custom stage
 * that compares the two extractions. Stages run as soon as their inputs are ready, so the two
 * branches run side by side; `result.stages` holds every stage's output by id.
 *
 * Run: npx tsx examples/dag-pipeline.ts
 */
import { z } from 'zod';
import {
  dagPipeline,
  defineStage,
  LLMExtractionConfig,
  LLMExtractionStage,
  OCRConfig,
  OCRStage,
  ParserConfig,
  ParserStage,
} from '../src/index.js';

const Invoice = z.object({
  invoice_number: z.string().nullable(),
  total: z
    .number()
    .nullable()
    .meta({ aliases: ['Total Price'] }),
});

const ocr = new OCRStage(new OCRConfig({ provider: 'pdf-text' }));
const layout = new ParserStage(new ParserConfig({ method: 'layout-conserved' })).after(ocr);
const markdown = new ParserStage(new ParserConfig({ method: 'markdown' })).withId('markdown').after(ocr);
const fromLayout = new LLMExtractionStage(new LLMExtractionConfig({ provider: 'heuristic' })).after(layout);
const fromMarkdown = fromLayout.withId('from-markdown').after(markdown);
const agreement = defineStage({
  id: 'agreement',
  after: [fromLayout, fromMarkdown],
  run: ({ inputs }) => {
    const a = inputs['llm-extraction'].data as z.infer<typeof Invoice>;
    const b = inputs['from-markdown'].data as z.infer<typeof Invoice>;
    return { agree: JSON.stringify(a) === JSON.stringify(b), fromLayout: a, fromMarkdown: b };
  },
});

const pipeline = dagPipeline({
  jsonSchema: Invoice,
  stages: [ocr, layout, markdown, fromLayout, fromMarkdown, agreement],
});
const result = await pipeline.run(new URL('./documents/invoice.pdf', import.meta.url));
console.log(JSON.stringify(result.stages.agreement, null, 2));
console.log(
  'timings:',
  Object.entries(result.timings)
    .map(([id, t]) => `${id} ${t.durationMs.toFixed(0)} ms`)
    .join(', '),
);
await pipeline.close();
