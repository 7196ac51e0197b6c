import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import {
  type CustomStage,
  dagPipeline,
  defineStage,
  type Extraction,
  LLMExtractionStage,
  linearPipeline,
  OCRStage,
  type OcrDocument,
  type ParsedDocument,
  ParserStage,
  Stage,
} from '../../src/index.js';

const ocr = new OCRStage();
const parser = new ParserStage().after(ocr);
const extract = new LLMExtractionStage().after(parser);

describe('.after() types', () => {
  it('accepts compatible upstream stages', () => {
    expectTypeOf(new ParserStage().after(ocr)).toEqualTypeOf<ParserStage<'parser'>>();
    expectTypeOf(new LLMExtractionStage().after(parser)).toEqualTypeOf<
      LLMExtractionStage<'llm-extraction'>
    >();
    expectTypeOf(new LLMExtractionStage().after(ocr)).toEqualTypeOf<LLMExtractionStage<'llm-extraction'>>();
  });

  it('rejects a parser after an extraction stage, in words', () => {
    // @ts-expect-error — A ParserStage can only come after a stage that outputs an OcrDocument (an OCRStage)
    new ParserStage().after(extract);
    // @ts-expect-error — an LLMExtractionStage does not read another extraction's output
    new LLMExtractionStage().after(extract);
    // @ts-expect-error — OCR reads the document itself
    new OCRStage().after(parser);
  });

  it('accepts a custom stage whose output fits', () => {
    const fakeOcr = defineStage({ id: 'fake-ocr', run: (): OcrDocument => ({ provider: 'x', pages: [] }) });
    new ParserStage().after(fakeOcr);
    const counter = defineStage({ id: 'counter', run: () => 3 });
    // @ts-expect-error — a number is not an OcrDocument
    new ParserStage().after(counter);
  });
});

describe('stage ids and outputs', () => {
  it('.withId() keeps the class and changes the id type', () => {
    expectTypeOf(extract.withId('summary')).toEqualTypeOf<LLMExtractionStage<'summary'>>();
    expectTypeOf(ocr.withId('scan')).toEqualTypeOf<OCRStage<'scan'>>();
  });

  it('defineStage types its inputs from its dependencies', () => {
    const stage = defineStage({
      id: 'stats',
      after: [parser, ocr],
      run: ({ inputs }) => {
        expectTypeOf(inputs.parser).toEqualTypeOf<ParsedDocument>();
        expectTypeOf(inputs.ocr).toEqualTypeOf<OcrDocument>();
        return { pages: inputs.parser.pages.length };
      },
    });
    expectTypeOf(stage).toEqualTypeOf<CustomStage<'stats', { pages: number }>>();
  });
});

describe('result.data types', () => {
  const Invoice = z.object({
    number: z.string(),
    total: z.number().transform((n) => BigInt(Math.round(n * 100))),
  });

  it('is the zod output type of the schema', () => {
    const pipeline = linearPipeline({ jsonSchema: Invoice });
    type Data = Awaited<ReturnType<typeof pipeline.run>>['data'];
    expectTypeOf<Data>().toEqualTypeOf<{ number: string; total: bigint }>();
  });

  it('is FromSchema of an as-const JSON Schema', () => {
    const pipeline = linearPipeline({
      jsonSchema: {
        type: 'object',
        properties: { total: { type: 'number' } },
        required: ['total'],
        additionalProperties: false,
      } as const,
      stages: [Stage.LLM_EXTRACTION],
    });
    type Data = Awaited<ReturnType<typeof pipeline.run>>['data'];
    expectTypeOf<Data>().toEqualTypeOf<{ total: number }>();
  });

  it('is undefined for a parse-only pipeline', () => {
    const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER] });
    type Data = Awaited<ReturnType<typeof pipeline.run>>['data'];
    expectTypeOf<Data>().toEqualTypeOf<undefined>();
    expectTypeOf<Awaited<ReturnType<typeof pipeline.run>>['stages']['parser']>().toEqualTypeOf<
      ParsedDocument | undefined
    >();
  });

  it('follows the listed stages of a DAG', () => {
    const withExtraction = dagPipeline({ jsonSchema: Invoice, stages: [ocr, parser, extract] });
    expectTypeOf<Awaited<ReturnType<typeof withExtraction.run>>['data']>().toEqualTypeOf<{
      number: string;
      total: bigint;
    }>();
    const parseOnly = dagPipeline({ stages: [ocr, parser] });
    expectTypeOf<Awaited<ReturnType<typeof parseOnly.run>>['data']>().toEqualTypeOf<undefined>();
    expectTypeOf<Awaited<ReturnType<typeof withExtraction.run>>['stages']['llm-extraction']>().toEqualTypeOf<
      Extraction<unknown> | undefined
    >();
  });
});
