/**
 * A whole pipeline fed a hostile OCR result by a provider of the user's own (or a damaged file): the OCR stage
 * repairs it before the parser, the heuristic extractor and grounding read it, says what it repaired, and every
 * stage finishes.
 */
import { describe, expect, it } from 'vitest';
import { MAX_WORDS_PER_PAGE } from '../../src/document/sanitize-ocr.js';
import { LLMExtractionConfig, linearPipeline, OCRConfig } from '../../src/index.js';
import type { OcrDocument, OcrLine } from '../../src/spec/document.js';
import { createMockOcrProvider } from '../../src/testing/index.js';

// The mock provider reads no pixels; any real image stands for the damaged scan.
const SCAN = new URL('../fixtures/documents/single-page-1.png', import.meta.url);

const schema = {
  type: 'object',
  properties: {
    invoice_number: { type: ['string', 'null'] },
    total: { type: ['number', 'null'] },
    items: {
      type: 'array',
      items: { type: 'object', properties: { description: { type: 'string' }, amount: { type: 'number' } } },
    },
  },
  required: ['invoice_number', 'total', 'items'],
} as const;

function pipelineReading(result: OcrDocument) {
  return linearPipeline({
    jsonSchema: schema,
    ocr: new OCRConfig({ provider: createMockOcrProvider({ result }) }),
    llm: new LLMExtractionConfig({ provider: 'heuristic' }),
    cache: false,
  });
}

/** A line with its words spread evenly over its box. */
function ocrLine(index: number, text: string, box: OcrLine['box']): OcrLine {
  const texts = text.split(' ');
  const width = box.width / texts.length;
  const words = texts.map((word, i) => ({
    text: word,
    box: { ...box, left: box.left + i * width, width },
    confidence: 0.9,
  }));
  return { id: `p1-l${index}`, text, box, confidence: 0.9, words };
}

function page(lines: OcrLine[]): OcrDocument {
  return {
    provider: 'mine',
    pages: [
      {
        pageNumber: 1,
        width: 612,
        height: 792,
        unit: 'point',
        angle: 0,
        lines,
        words: lines.length,
        tables: [],
        keyValues: [],
        selectionMarks: [],
        layout: [],
      },
    ],
  };
}

describe('a pipeline reading a hostile OCR result', () => {
  it('drops NaN and off-page lines with a warning, and extracts from the rest', async () => {
    const result = await pipelineReading(
      page([
        ocrLine(0, 'Invoice number: INV-7', { left: 0.1, top: 0.1, width: 0.4, height: 0.02 }),
        ocrLine(1, 'Total: 42.50', { left: 0.1, top: 0.2, width: 0.3, height: 0.02 }),
        ocrLine(2, 'Total: 99999', { left: Number.NaN, top: 0.3, width: 0.3, height: 0.02 }),
        ocrLine(3, 'ghost', { left: 0.1, top: 1e308, width: 0.3, height: 0.02 }),
      ]),
    ).run(SCAN);

    expect(result.data).toMatchObject({ invoice_number: 'INV-7', total: 42.5 });
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        code: 'ocr-invalid-geometry',
        stageId: 'ocr',
        page: 1,
        message: expect.stringContaining('dropped 2 lines'),
      }),
    );
    expect(result.stages.parser?.text).not.toContain('99999');
  });

  it(`finishes on a page crowding ${MAX_WORDS_PER_PAGE.toLocaleString('en-US')} words onto one baseline`, async () => {
    const words = ['Invoice', 'No:', 'INV-42', 'Total', '12.50', 'Widget', 'Amount'];
    const lines = Array.from({ length: MAX_WORDS_PER_PAGE * 2 }, (_, index) =>
      ocrLine(index, words[index % words.length] as string, {
        left: (index % 5000) / 5000,
        top: 0.5,
        width: 0.0001,
        height: 0.01,
      }),
    );
    const result = await pipelineReading(page(lines)).run(SCAN);

    expect(result.warnings.map((warning) => warning.code)).toContain('ocr-page-too-dense');
    expect(result.stages.ocr?.pages[0]?.lines).toHaveLength(MAX_WORDS_PER_PAGE);
    expect(typeof result.stages.parser?.text).toBe('string');
  }, 60_000);
});
