import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { linearPipeline, Stage } from '../../../src/index.js';
import { textOcrDocument } from '../../../src/ocr/text/text-document.js';
import { validateOcrDocument } from '../../../src/testing/index.js';

const invoice = await readFile(new URL('../../../examples/documents/invoice.txt', import.meta.url), 'utf8');

describe('text documents through the OCR stage', () => {
  it('are laid out as a valid OcrDocument: lines split at column gaps, words with boxes, pages at form feeds', () => {
    const document = textOcrDocument(`${invoice}\fPage two`);
    expect(validateOcrDocument(document)).toEqual([]);
    expect(document.pages).toHaveLength(2);
    const [first] = document.pages;
    expect(first?.lines.slice(0, 2).map((line) => line.text)).toEqual(['ACME Office Supplies', 'INVOICE']);
    const numberLine = first?.lines.find((line) => line.text === 'Invoice number: INV-3337');
    expect(numberLine?.words?.map((word) => word.text)).toEqual(['Invoice', 'number:', 'INV-3337']);
    const [label, , value] = numberLine?.words ?? [];
    expect(value?.box.left).toBeGreaterThan((label?.box.left ?? 1) + (label?.box.width ?? 0));
  });

  it('need no OCR provider: the built-in stage lays them out, and the parser keeps their rows', async () => {
    const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr: { provider: 'tesseract' } });
    const { stages } = await pipeline.run({ text: invoice });
    expect(stages.ocr?.provider).toBe('text');
    expect(stages.parser?.text).toMatch(/Printer paper A4 +4 +6\.25 +25\.00/);
    await pipeline.close();
  });
});
