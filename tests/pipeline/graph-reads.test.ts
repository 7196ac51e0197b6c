/**
 * The graph is the dataflow: an extraction reads the OCR output to ground its fields, and `pipeline.graph()`
 * shows that edge beside the `.after()` ones, however the pipeline was built.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  dagPipeline,
  defineStage,
  LLMExtractionStage,
  linearPipeline,
  OCRConfig,
  OCRStage,
  ParserStage,
  Stage,
} from '../../src/index.js';
import {
  createMockExtractionModel,
  createMockOcrProvider,
  ocrDocumentFromText,
} from '../../src/testing/index.js';

const Invoice = z.object({ invoice_number: z.string() });
const ocr = new OCRConfig({ provider: createMockOcrProvider({ result: 'Invoice INV-7\nTotal 42.00' }) });
const llm = { provider: createMockExtractionModel({ respond: () => ({ invoice_number: 'INV-7' }) }) };

const OCR_PARSER_LLM_EDGES = [
  { from: 'ocr', to: 'parser', via: 'after' },
  { from: 'parser', to: 'llm-extraction', via: 'after' },
  { from: 'ocr', to: 'llm-extraction', via: 'reads' },
];

describe('pipeline.graph()', () => {
  it('shows the OCR output an extraction reads for grounding, in a linear pipeline', () => {
    const graph = linearPipeline({ jsonSchema: Invoice, ocr, llm, cache: false }).graph();
    expect(graph.stages).toEqual([
      { id: 'ocr', kind: 'ocr' },
      { id: 'parser', kind: 'parser' },
      { id: 'llm-extraction', kind: 'llm-extraction' },
    ]);
    expect(graph.edges).toEqual(OCR_PARSER_LLM_EDGES);
  });

  it('shows it in a DAG wired with .after() only to the parser', () => {
    const ocrStage = new OCRStage(ocr);
    const parser = new ParserStage().after(ocrStage);
    const extract = new LLMExtractionStage(llm).after(parser);
    expect(dagPipeline({ jsonSchema: Invoice, stages: [extract] }).graph().edges).toEqual(
      OCR_PARSER_LLM_EDGES,
    );
  });

  it('adds no second edge when the extraction comes right after OCR, nor any without OCR', () => {
    const afterOcr = linearPipeline({
      jsonSchema: Invoice,
      stages: [Stage.OCR, Stage.LLM_EXTRACTION],
      ocr,
      llm,
    });
    expect(afterOcr.graph().edges).toEqual([{ from: 'ocr', to: 'llm-extraction', via: 'after' }]);
    const textOnly = linearPipeline({ jsonSchema: Invoice, stages: [Stage.LLM_EXTRACTION], llm });
    expect(textOnly.graph().edges).toEqual([]);
  });

  it("reads a custom stage's OcrDocument where there is no OCR stage, and grounds in it", async () => {
    const customOcr = defineStage({
      id: 'my-ocr',
      run: () => ocrDocumentFromText('Invoice INV-7', 'my-ocr'),
    });
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      stages: [customOcr, Stage.PARSER, Stage.LLM_EXTRACTION],
      llm,
      cache: false,
    });
    expect(pipeline.graph().edges).toContainEqual({ from: 'my-ocr', to: 'llm-extraction', via: 'reads' });
    const { fields } = await pipeline.run({ text: 'unused' });
    expect(fields).toEqual([expect.objectContaining({ path: '/invoice_number', page: 1 })]);
  });

  it('is the edge the extraction grounds its fields through', async () => {
    const pipeline = linearPipeline({ jsonSchema: Invoice, ocr, llm, cache: false });
    const { fields } = await pipeline.run({ text: 'Invoice INV-7\nTotal 42.00' });
    expect(fields).toEqual([expect.objectContaining({ path: '/invoice_number', value: 'INV-7', page: 1 })]);
  });
});
