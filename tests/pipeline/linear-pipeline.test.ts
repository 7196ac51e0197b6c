import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConfigError,
  LLMExtractionConfig,
  LLMExtractionStage,
  linearPipeline,
  OCRConfig,
  OCRStage,
  Stage,
  type StageError,
  TruncatedOutputError,
  ValidationError,
} from '../../src/index.js';
import {
  createMockExtractionModel,
  createMockOcrProvider,
  type MockAnswer,
} from '../../src/testing/index.js';

const Invoice = z.object({
  invoice_number: z.string(),
  total: z.number(),
  due_date: z.iso.date().nullable(),
});

const answer = { invoice_number: 'INV-3337', total: 93.5, due_date: '2024-01-31' };
const page =
  'INVOICE                 INV-3337\nDue date                2024-01-31\nTotal                   93.50';

function mocks(respond: MockAnswer = answer) {
  return {
    ocrProvider: createMockOcrProvider({ result: page, costPerPage: 0.0015 }),
    model: createMockExtractionModel({
      respond,
      usage: { inputTokens: 120, outputTokens: 30, costUsd: 0.001 },
    }),
  };
}

describe('linearPipeline', () => {
  it('runs OCR, parser and extraction by default, and returns typed, validated data', async () => {
    const { ocrProvider, model } = mocks();
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      systemPrompt: 'Extract the invoice.',
      ocr: new OCRConfig({ provider: ocrProvider }),
      llm: new LLMExtractionConfig({ provider: model, maxTokens: 500 }),
    });
    expect(pipeline.stages.map((s) => s.id)).toEqual(['ocr', 'parser', 'llm-extraction']);

    const result = await pipeline.run({ data: new TextEncoder().encode('scan'), name: 'invoice.txt' });
    expect(result.data).toEqual(answer);
    expect(result.stages.parser?.text).toContain('INV-3337');
    expect(result.stages.ocr?.pages).toHaveLength(1);
    expect(result.usage).toMatchObject({ pages: 1, inputTokens: 120, outputTokens: 30, calls: 2 });
    expect(result.usage.costUsd).toBeCloseTo(0.0025);
    expect(Object.keys(result.timings)).toEqual(['ocr', 'parser', 'llm-extraction']);
    expect(result.timings.ocr?.cached).toBe(false);
    expect(result.document).toMatchObject({ name: 'invoice.txt', mediaType: 'text/plain' });

    const request = model.requests[0];
    expect(request?.system).toMatch(/\nInstructions:\nExtract the invoice\.$/);
    expect(request?.text).toContain('INVOICE                 INV-3337');
    expect(request?.maxTokens).toBe(500);
    expect(request?.ocr?.pages[0]?.lines.length).toBeGreaterThan(0);
    expect(request?.jsonSchema).toMatchObject({
      type: 'object',
      required: ['invoice_number', 'total', 'due_date'],
    });
  });

  it('extracts from text input with [Stage.LLM_EXTRACTION] alone', async () => {
    const { model } = mocks();
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: model },
    });
    const result = await pipeline.run({ text: 'Invoice INV-3337, total 93.50, due 2024-01-31' });
    expect(result.data.invoice_number).toBe('INV-3337');
    expect(model.requests[0]?.text).toBe('Invoice INV-3337, total 93.50, due 2024-01-31');
    expect(model.requests[0]?.document).toBeUndefined();
  });

  it('parses only with [Stage.OCR, Stage.PARSER]', async () => {
    const { ocrProvider } = mocks();
    const pipeline = linearPipeline({
      stages: [Stage.OCR, Stage.PARSER],
      ocr: { provider: ocrProvider },
      parser: { method: 'plain' },
    });
    const result = await pipeline.run({ text: 'anything' });
    expect(result.data).toBeUndefined();
    expect(result.stages.parser?.text).toBe('INVOICE\nINV-3337\nDue date\n2024-01-31\nTotal\n93.50');
  });

  it('lets the extraction read OCR text directly with [Stage.OCR, Stage.LLM_EXTRACTION]', async () => {
    const { ocrProvider, model } = mocks();
    await linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.OCR, Stage.LLM_EXTRACTION],
      ocr: { provider: ocrProvider },
      llm: { provider: model },
    }).run({ text: 'x' });
    expect(model.requests[0]?.text).toContain('INV-3337');
  });

  it('chains stage objects given among the names, keeping their own edges', async () => {
    const { ocrProvider, model } = mocks();
    const extract = new LLMExtractionStage({ provider: model });
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      stages: [new OCRStage({ provider: ocrProvider }), Stage.PARSER, extract],
    });
    expect(
      pipeline.stages.map((s) => [s.id, s.dependencies.map((d) => (typeof d === 'string' ? d : d.id))]),
    ).toEqual([
      ['ocr', []],
      ['parser', ['ocr']],
      ['llm-extraction', ['parser']],
    ]);
    expect((await pipeline.run({ text: 'x' })).data).toEqual(answer);
  });

  it.each([
    [[Stage.PARSER], 'Stage.OCR must come right before it'],
    [[Stage.PARSER, Stage.LLM_EXTRACTION], 'Stage.OCR must come right before it'],
    [[Stage.OCR, Stage.LLM_EXTRACTION, Stage.PARSER], 'Stage.OCR must come right before it'],
    [[Stage.LLM_EXTRACTION, Stage.OCR], 'must come after Stage.OCR and Stage.PARSER'],
    [[Stage.OCR, Stage.OCR], 'lists a stage twice'],
    [[], 'at least one stage'],
    [['summarize'], "unknown stage 'summarize'"],
  ])('rejects the invalid sequence %j with a message saying what to do', (stages, words) => {
    const { model, ocrProvider } = mocks();
    const make = () =>
      linearPipeline({
        jsonSchema: Invoice,
        stages: stages as Stage[],
        ocr: { provider: ocrProvider },
        llm: { provider: model },
      });
    expect(make).toThrow(ConfigError);
    expect(make).toThrow(words);
  });

  it('warns on every result that a config for a stage not in the pipeline is not used', async () => {
    const pipeline = linearPipeline({
      stages: [Stage.LLM_EXTRACTION],
      jsonSchema: Invoice,
      ocr: { provider: 'textract' },
      llm: { provider: mocks().model },
    });
    const result = await pipeline.run({ text: 'Invoice INV-1' });
    expect(result.warnings).toContainEqual({
      code: 'config-unused',
      message:
        "The 'ocr' option configures Stage.OCR, which is not in stages, so it is not used; add the stage to stages if you meant to run it.",
    });
  });

  it('requires a schema when there is an extraction stage', () => {
    const { model } = mocks();
    expect(() => linearPipeline({ stages: [Stage.LLM_EXTRACTION], llm: { provider: model } })).toThrow(
      'needs a schema: pass jsonSchema',
    );
  });

  it('reports an unknown provider name as a ConfigError naming the option, at construction', () => {
    const error = (() => {
      try {
        linearPipeline({ jsonSchema: Invoice, llm: { provider: 'gpt' as never } });
      } catch (e) {
        return e;
      }
    })();
    expect(ConfigError.isInstance(error)).toBe(true);
    expect((error as ConfigError).option).toBe('LLMExtractionConfig.provider');
    expect((error as Error).message).toContain("'anthropic', 'bedrock', 'openai-compatible', 'heuristic'");
  });

  it('fails with a ValidationError keeping the raw answer when the model answers off-schema', async () => {
    const { model } = mocks({ invoice_number: 'INV-1', total: 'ninety' });
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: model },
    });
    const error = (await pipeline.run({ text: 'x' }).catch((e: unknown) => e)) as StageError;
    expect(error.stageId).toBe('llm-extraction');
    const cause = error.cause as ValidationError;
    expect(ValidationError.isInstance(cause)).toBe(true);
    expect(cause.raw).toEqual({ invoice_number: 'INV-1', total: 'ninety' });
    expect(cause.issues.map((i) => i.path)).toContain('/total');
  });

  it('applies zod transforms to the validated data', async () => {
    const Cents = z.object({ total: z.number().transform((n) => Math.round(n * 100)) });
    const model = createMockExtractionModel({ respond: { total: 93.5 } });
    const pipeline = linearPipeline({
      jsonSchema: Cents,
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: model },
    });
    expect((await pipeline.run({ text: 'x' })).data).toEqual({ total: 9350 });
  });

  it('fails with a TruncatedOutputError when the model stops at its token limit', async () => {
    const model = createMockExtractionModel({ respond: { total: 1 }, finishReason: 'length' });
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: model, maxTokens: 50 },
    });
    const error = (await pipeline.run({ text: 'x' }).catch((e: unknown) => e)) as StageError;
    expect(TruncatedOutputError.isInstance(error.cause)).toBe(true);
    expect((error.cause as Error).message).toContain('raise LLMExtractionConfig.maxTokens');
  });

  it('sends a PDF natively to a model that reads PDFs, and refuses when the model cannot', async () => {
    const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Pages /Count 1 >> endobj\n%%EOF\n');
    const reader = createMockExtractionModel({ respond: answer, capabilities: { pdf: true } });
    await linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: reader },
    }).run(pdf);
    expect(reader.requests[0]?.document?.mediaType).toBe('application/pdf');
    expect(reader.requests[0]?.text).toBeUndefined();

    const blind = createMockExtractionModel({ respond: answer });
    const error = (await linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: blind },
    })
      .run(pdf)
      .catch((e: unknown) => e)) as StageError;
    expect((error.cause as Error).message).toContain(
      'cannot read it directly; use stages [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION]',
    );
    expect(blind.requests).toHaveLength(0);
  });

  it('closes its providers', async () => {
    const { ocrProvider, model } = mocks();
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      ocr: { provider: ocrProvider },
      llm: { provider: model },
    });
    await pipeline.close();
    expect(ocrProvider.closed).toBe(true);
  });
});
