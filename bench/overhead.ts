/**
 * What docpipe adds on top of the provider calls themselves.
 *
 * 1. Per-document overhead: a 3-stage pipeline (OCR → parser → extraction, no cache, no
 *    grounding: the plain loop has neither) on in-memory, zero-latency providers, 10,000 text documents one after another, against the same three
 *    calls written as plain awaited functions (parse and schema validation included) in the
 *    same process. Target: at most 50 µs per document (median of the runs).
 * 2. Scheduling: 1,000 documents with 20 ms simulated latency in each of 3 stages at
 *    concurrency 100. Ideal: 1,000 / 100 × 3 × 20 ms = 0.6 s. Target: within 10%.
 *
 * Run: npx tsx bench/overhead.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import {
  dagPipeline,
  defineStage,
  LLMExtractionStage,
  linearPipeline,
  OCRConfig,
  OCRStage,
  type ParsedDocument,
} from '../src/index.js';
import { renderLayoutConserved } from '../src/parser/layout-conserved.js';
import { resolveSchema } from '../src/schema/index.js';
import { createMockExtractionModel, createMockOcrProvider } from '../src/testing/index.js';
import { mapConcurrent, median, repeat } from './stats.js';

const Invoice = z.object({ invoice_number: z.string(), total: z.number(), currency: z.enum(['USD', 'EUR']) });
const answer = { invoice_number: 'INV-3337', total: 93.5, currency: 'USD' };
const page = 'INVOICE              INV-3337\nBill to: ACME Corp\nTotal                93.50 USD';
const documents = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ text: `Invoice ${i}\nTotal ${i}.00` }));

async function perDocumentOverhead(): Promise<{ docpipeUs: number; plainUs: number }> {
  const ocr = createMockOcrProvider({ result: page });
  const model = createMockExtractionModel({ respond: answer });
  const pipeline = linearPipeline({
    jsonSchema: Invoice,
    systemPrompt: 'Extract the invoice.',
    ocr: { provider: ocr },
    llm: { provider: model, grounding: false },
    // Like for like: the plain loop neither caches nor grounds.
    cache: false,
  });
  const schema = resolveSchema(Invoice);
  const plain = async (text: string) => {
    const document = { id: 'x', name: 'text', mediaType: 'text/plain' as const, text };
    const recognition = await ocr.recognize(document, {});
    const parsed = renderLayoutConserved(recognition.document);
    const response = await model.extract({
      system: 'Extract the invoice.',
      jsonSchema: schema.jsonSchema,
      prompt: parsed.text,
      text: parsed.text,
      ocr: recognition.document,
      maxTokens: 4096,
      temperature: 0,
    });
    return schema.validate(response.json);
  };
  const docs = documents(10_000);
  const timePerDocUs = async (run: (doc: { text: string }) => Promise<unknown>) => {
    const started = performance.now();
    for (const doc of docs) await run(doc);
    return ((performance.now() - started) * 1000) / docs.length;
  };
  // Warm up both paths so the JIT has compiled them before measuring.
  await timePerDocUs((doc) => pipeline.run(doc));
  await timePerDocUs((doc) => plain(doc.text));
  const docpipeRuns: number[] = [];
  const plainRuns: number[] = [];
  for (let i = 0; i < 7; i++) {
    docpipeRuns.push(await timePerDocUs((doc) => pipeline.run(doc)));
    plainRuns.push(await timePerDocUs((doc) => plain(doc.text)));
  }
  return { docpipeUs: median(docpipeRuns), plainUs: median(plainRuns) };
}

async function concurrentLatency(): Promise<number> {
  const latencyMs = 20;
  const ocr = new OCRStage(new OCRConfig({ provider: createMockOcrProvider({ result: page, latencyMs }) }));
  // The built-in parser is local and instant; this stand-in adds the same 20 ms as the others.
  const parser = defineStage({
    id: 'parser',
    after: [ocr],
    run: async ({ inputs }): Promise<ParsedDocument> => {
      await sleep(latencyMs);
      return renderLayoutConserved(inputs.ocr);
    },
  });
  const extract = new LLMExtractionStage({
    provider: createMockExtractionModel({ respond: answer, latencyMs }),
    grounding: false,
  }).after(parser);
  // Without a cache: each of the 5 runs must pay the simulated latency again.
  const pipeline = dagPipeline({ jsonSchema: Invoice, stages: [ocr, parser, extract], cache: false });
  const docs = documents(1_000);
  const runs = await repeat(5, async () => {
    const started = performance.now();
    await mapConcurrent(docs, 100, (doc) => pipeline.run(doc));
    return (performance.now() - started) / 1000;
  });
  return median(runs);
}

const { docpipeUs, plainUs } = await perDocumentOverhead();
const overheadUs = docpipeUs - plainUs;
console.log('docpipe overhead benchmark (median of 7 runs × 10,000 documents, sequential)');
console.log(`  plain awaited calls : ${plainUs.toFixed(1)} µs/document`);
console.log(`  docpipe pipeline    : ${docpipeUs.toFixed(1)} µs/document`);
console.log(
  `  overhead            : ${overheadUs.toFixed(1)} µs/document (target ≤ 50) — ratio ${(docpipeUs / plainUs).toFixed(2)}×`,
);

const seconds = await concurrentLatency();
const ideal = 0.6;
console.log('1,000 documents × 3 stages × 20 ms at concurrency 100 (median of 5 runs)');
console.log(
  `  wall time           : ${seconds.toFixed(3)} s (ideal ${ideal} s, ${((seconds / ideal - 1) * 100).toFixed(1)}% over; target ≤ 10%)`,
);
