import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type ExtractionModel,
  type ExtractionResponse,
  LLMExtractionConfig,
  linearPipeline,
  type PartialData,
  Stage,
  StageError,
  ValidationError,
} from '../../src/index.js';

// Required, non-nullable fields: how users write schemas. The text has an invoice number and no total.
const Invoice = z.object({ invoice_number: z.string(), total: z.number(), currency: z.string() });
const TEXT = { text: 'ACME Ltd\nInvoice number: INV-3337\nCurrency: EUR\n' };

function heuristicPipeline<const A extends boolean = false>(acceptIncomplete?: A) {
  return linearPipeline({
    jsonSchema: Invoice,
    stages: [Stage.LLM_EXTRACTION],
    llm: { provider: 'heuristic' },
    cache: false,
    ...(acceptIncomplete === undefined ? {} : { acceptIncomplete }),
  });
}

describe('an extraction that cannot satisfy the schema', () => {
  it('throws a ValidationError that keeps every value found, and names what is missing', async () => {
    const error = await heuristicPipeline()
      .run(TEXT)
      .catch((e: unknown) => e);
    expect(StageError.isInstance(error)).toBe(true);
    const cause = (error as StageError).cause;
    expect(ValidationError.isInstance(cause)).toBe(true);
    const { partial, message } = cause as ValidationError;
    expect(partial?.data).toEqual({ invoice_number: 'INV-3337', currency: 'EUR', total: null });
    expect(partial?.missing).toEqual(['/total']);
    // The heuristic cannot use repair turns: the message says how to help it instead.
    expect(message).toContain("heuristic extractor's answer does not satisfy the schema (/total:");
    expect(message).toContain('give that field a description or x-aliases');
    expect(message).not.toContain('repair');
  });

  it('is a result with acceptIncomplete, typed as partial data', async () => {
    const result = await heuristicPipeline(true).run(TEXT);
    expectTypeOf(result.data).toEqualTypeOf<PartialData<z.infer<typeof Invoice>>>();
    expect(result.data).toEqual({ invoice_number: 'INV-3337', currency: 'EUR', total: null });
    expect(result.incomplete).toMatchObject({ stageId: 'llm-extraction', missing: ['/total'] });
    expect(result.incomplete?.issues[0]?.path).toBe('/total');
  });

  it('makes no repair call to a model that cannot be repaired, and two to one that can', async () => {
    const calls = { rules: 0, model: 0 };
    const answering = (repairable: boolean, count: () => void): ExtractionModel => ({
      specificationVersion: 'v1',
      provider: repairable ? 'stub-model' : 'stub-rules',
      modelId: 'test-double',
      capabilities: {
        structuredOutput: true,
        images: false,
        pdf: false,
        contextTokens: 100_000,
        promptCaching: false,
        repairable,
      },
      extract: async (): Promise<ExtractionResponse> => {
        count();
        return { json: { invoice_number: 'INV-3337' }, finishReason: 'stop', usage: {}, warnings: [] };
      },
    });
    for (const [repairable, count] of [
      [false, () => calls.rules++],
      [true, () => calls.model++],
    ] as const) {
      const pipeline = linearPipeline({
        jsonSchema: Invoice,
        stages: [Stage.LLM_EXTRACTION],
        llm: new LLMExtractionConfig({
          provider: answering(repairable, count),
          pricing: { inputPerMTok: 0, outputPerMTok: 0 },
        }),
        cache: false,
        acceptIncomplete: true,
      });
      const result = await pipeline.run(TEXT);
      expect(result.incomplete?.missing).toEqual(['/total', '/currency']);
    }
    expect(calls).toEqual({ rules: 1, model: 3 });
  });

  it('keeps what the other parts of a long document found, and completes when another part holds the gap', async () => {
    const parts = ['Invoice number: INV-9\n', 'Total: 12.50\n', 'Currency: USD\n'];
    // A test double that reads each label its part holds, and answers only those: no part has every field.
    const found = (text = '') => ({
      ...(text.includes('Invoice number') ? { invoice_number: 'INV-9' } : {}),
      ...(text.includes('Total') ? { total: 12.5 } : {}),
      ...(text.includes('Currency') ? { currency: 'USD' } : {}),
    });
    let call = 0;
    const perPage: ExtractionModel = {
      specificationVersion: 'v1',
      provider: 'stub-pages',
      modelId: 'test-double',
      capabilities: {
        structuredOutput: true,
        images: false,
        pdf: false,
        contextTokens: 100_000,
        promptCaching: false,
        repairable: false,
      },
      extract: async (request) => {
        call++;
        return { json: found(request.text), finishReason: 'stop', usage: {}, warnings: [] };
      },
    };
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.LLM_EXTRACTION],
      llm: new LLMExtractionConfig({
        provider: perPage,
        maxTokens: 100,
        contextTokens: 2000,
        pricing: { inputPerMTok: 0, outputPerMTok: 0 },
      }),
      cache: false,
    });
    // Each page alone fills most of a request, so each is a part of its own.
    const long = { text: parts.map((part) => part + 'lorem ipsum dolor sit amet\n'.repeat(60)).join('') };
    const result = await pipeline.run(long);
    expect(call).toBeGreaterThan(1);
    expect(result.data).toEqual({ invoice_number: 'INV-9', total: 12.5, currency: 'USD' });
    expect(result.incomplete).toBeUndefined();
  });
});
