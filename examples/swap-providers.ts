/**
 * Swapping providers is configuration, not code: the same pipeline runs on the offline providers
 * by default, or on AWS Textract, Azure Document Intelligence, Claude or any OpenAI-compatible
 * endpoint when you name them (credentials come from the usual environment variables).
 *
 * Run: npx tsx examples/swap-providers.ts
 *      DOCPIPE_OCR=textract DOCPIPE_LLM=anthropic npx tsx examples/swap-providers.ts
 */
import { z } from 'zod';
import {
  type ExtractorProvider,
  LLMExtractionConfig,
  linearPipeline,
  OCRConfig,
  type OCRProviderType,
} from '../src/index.js';

const Invoice = z.object({
  invoice_number: z.string().nullable(),
  total: z
    .number()
    .nullable()
    .meta({ aliases: ['Total Price'] }),
});

const ocrProvider = (process.env.DOCPIPE_OCR || 'auto') as OCRProviderType;
const llmProvider = (process.env.DOCPIPE_LLM || 'heuristic') as ExtractorProvider;
const ocr =
  ocrProvider === 'textract'
    ? new OCRConfig({ provider: 'textract', features: ['TABLES', 'FORMS'] })
    : new OCRConfig({ provider: ocrProvider });
const llm = new LLMExtractionConfig({ provider: llmProvider, maxTokens: 2000 });

const pipeline = linearPipeline({ jsonSchema: Invoice, systemPrompt: 'Extract the invoice.', ocr, llm });
const result = await pipeline.run(new URL('./documents/invoice.pdf', import.meta.url));
console.log(`OCR: ${ocrProvider}, extraction: ${llmProvider}`);
console.log(JSON.stringify(result.data, null, 2));
console.log(`usage: ${JSON.stringify(result.usage)}`);
await pipeline.close();
