import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../src/document/limits.js';
import { loadDocument } from '../../../src/document/load.js';
import { ConfigError, InputError, ProviderError } from '../../../src/index.js';
import { createTesseractOcr, TesseractPool } from '../../../src/ocr/tesseract/index.js';
import type { OcrProvider } from '../../../src/spec/ocr-provider.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const path = (fixture: string) => new URL(fixture, FIXTURES);

let ocr: OcrProvider;

// 100 dpi keeps the PDF tests fast; the text is still large enough to read.
beforeAll(() => {
  ocr = createTesseractOcr({ workers: 2, dpi: 100 });
});

afterAll(() => ocr.close?.());

describe('createTesseractOcr', () => {
  it('names itself after tesseract.js and its languages', () => {
    expect(ocr).toMatchObject({
      specificationVersion: 'v1',
      provider: 'tesseract',
      modelId: 'tesseract.js-7/eng/read-2',
    });
  });

  it('reads an image as one page', async () => {
    const document = await loadDocument(path('images/multicol-test-document.png'));

    const { document: ocrDocument, usage, warnings } = await ocr.recognize(document, {});

    expect(ocrDocument.provider).toBe('tesseract');
    expect(ocrDocument.pages).toHaveLength(1);
    expect(ocrDocument.pages[0]?.lines[0]?.text).toBe('Multi-column test document');
    expect(usage).toEqual({ pages: 1, costUsd: 0 });
    expect(warnings).toEqual([]);
  });

  it('renders a PDF page by page at the configured dpi and returns the pages in order', async () => {
    const document = await loadDocument(path('documents/textractor-multipage-doc.pdf'));

    const progress: [number, number][] = [];

    const { document: ocrDocument, usage } = await ocr.recognize(document, {
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(ocrDocument.pages.map((page) => [page.pageNumber, page.width, page.height])).toEqual([
      [1, 850, 1100],
      [2, 850, 1100],
    ]);
    expect(
      ocrDocument.pages.map((page) => page.lines.find((line) => line.text.startsWith('Page'))?.text),
    ).toEqual(['Page (1)', 'Page (2)']);
    expect(usage).toEqual({ pages: 2, costUsd: 0 });
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });

  it('recognises only the requested pages', async () => {
    const document = await loadDocument(path('documents/textractor-multipage-doc.pdf'));

    const { document: ocrDocument, usage } = await ocr.recognize(document, { pages: [2] });

    expect(ocrDocument.pages.map((page) => page.pageNumber)).toEqual([2]);
    expect(ocrDocument.pages[0]?.lines[0]?.id).toBe('p2-l0');
    expect(usage.pages).toBe(1);
  });

  it('reads the scanned page of an image-only PDF', async () => {
    const document = await loadDocument(path('pdfs/geofinder-scanned-form.pdf'));

    const { document: ocrDocument } = await ocr.recognize(document, { pages: [2] });

    const [page] = ocrDocument.pages;
    expect(page).toMatchObject({ pageNumber: 2, unit: 'pixel', angle: 0 });
    expect(page?.lines.slice(0, 2).map((line) => line.text)).toEqual([
      'Employment Application',
      'Applicant Information',
    ]);
  });

  it('refuses text, which needs no OCR', async () => {
    const document = await loadDocument({ text: 'Invoice INV-1\nTotal 42.00' });

    const recognition = ocr.recognize(document, {});

    await expect(recognition).rejects.toThrow(InputError);
    await expect(recognition).rejects.toThrow(/text needs no OCR: use stages \[Stage\.LLM_EXTRACTION\]/);
  });

  it('skips, with a warning, a page an image does not have', async () => {
    const document = await loadDocument(path('images/multicol-test-document.png'));

    const { document: ocrDocument, usage, warnings } = await ocr.recognize(document, { pages: [2] });

    expect(ocrDocument.pages).toEqual([]);
    expect(usage.pages).toBe(0);
    expect(warnings.map((warning) => warning.code)).toEqual(['pages-out-of-range']);
  });

  it('enforces limits.maxPixels on rendered PDF pages', async () => {
    const document = await loadDocument(path('documents/textractor-multipage-doc.pdf'));
    const limits = { ...DEFAULT_DOCUMENT_LIMITS, maxPixels: 500_000 };

    await expect(ocr.recognize(document, { limits })).rejects.toThrow(/limits\.maxPixels/);
  });

  it('fails with a ConfigError naming the package of a language that is not installed', () => {
    const settings = { languages: ['eng', 'fra'] };

    expect(() => createTesseractOcr(settings)).toThrow(ConfigError);
    expect(() => createTesseractOcr(settings)).toThrow(/npm install @tesseract\.js-data\/fra/);
  });

  it('leaves a pool it was given to its owner to close', async () => {
    const pool = new TesseractPool({ size: 1 });
    const document = await loadDocument(path('images/multicol-test-document.png'));
    try {
      const shared = createTesseractOcr({ pool });
      await shared.close?.();

      const { document: ocrDocument } = await shared.recognize(document, {});

      expect(ocrDocument.pages[0]?.lines[0]?.text).toBe('Multi-column test document');
    } finally {
      await pool.close();
    }
  });

  it('stops recognising once closed', async () => {
    const closing = createTesseractOcr({ workers: 1 });
    const document = await loadDocument(path('images/multicol-test-document.png'));
    await closing.close?.();

    await expect(closing.recognize(document, {})).rejects.toThrow(ProviderError);
  });
});
