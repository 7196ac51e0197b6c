import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../src/document/limits.js';
import { createPdfTextOcr } from '../../../src/ocr/pdf-text/index.js';
import { renderLayoutConserved } from '../../../src/parser/layout-conserved.js';
import type { OcrPage } from '../../../src/spec/document.js';
import { InputError } from '../../../src/spec/errors.js';
import { rawPdf } from '../pdf/crafted-pdfs.js';
import { fixture, pdfDocument } from '../pdf/sample-pdfs.js';
import { expectWellFormed, lineWithText } from './page-expectations.js';

interface InvoiceTruth {
  readonly InvoiceNumber: string;
  readonly PurchaseOrderNumber: string;
  readonly CustomerName: string;
  readonly TotalPrice: number;
  readonly Products: readonly { Id: string; Description: string; UnitPrice: number; Total: number }[];
}

const ocr = createPdfTextOcr();

/** Each of `cells` is a line of its own, on the baseline of the first. */
function expectRow(page: OcrPage, cells: readonly string[]): void {
  const top = lineWithText(page, cells[0] ?? '').box.top;
  for (const cell of cells) {
    const line = page.lines.find((l) => l.text === cell && Math.abs(l.box.top - top) < 0.002);
    expect(line, `a line reading '${cell}' in the row of '${cells[0]}'`).toBeDefined();
  }
}

async function invoiceTruth(): Promise<InvoiceTruth> {
  const path = new URL('../../fixtures/pdfs/gpt4v-invoice.pdf.Extraction.json', import.meta.url);
  return JSON.parse(await readFile(path, 'utf8')) as InvoiceTruth;
}

describe('the pdf-text provider', () => {
  it('names itself', () => {
    expect(ocr).toMatchObject({ specificationVersion: 'v1', provider: 'pdf-text', modelId: 'pdfjs-5' });
  });

  it("reads an invoice's text layer, with every labelled value and line item in it", async () => {
    const truth = await invoiceTruth();
    const { document, usage, warnings } = await ocr.recognize(await fixture('pdfs/gpt4v-invoice.pdf'), {});
    expect(document.provider).toBe('pdf-text');
    expect(document.pages.map((page) => page.pageNumber)).toEqual([1, 2, 3]);
    expect(usage).toEqual({ pages: 3, costUsd: 0 });
    expect(warnings).toEqual([]);
    for (const page of document.pages) expectWellFormed(page);

    const [first, second] = document.pages as [OcrPage, OcrPage];
    expect(lineWithText(first, 'INVOICE').box.top).toBeLessThan(0.2);
    lineWithText(first, truth.InvoiceNumber);
    lineWithText(first, `Purchase Order: ${truth.PurchaseOrderNumber}`);
    lineWithText(first, `Customer: ${truth.CustomerName}`);
    expectRow(second, ['Total Price:', truth.TotalPrice.toFixed(2)]);
    // Each product is a table row whose cells are lines of their own on one baseline.
    for (const product of truth.Products) {
      const page = document.pages.find((p) => p.lines.some((line) => line.text === product.Id)) as OcrPage;
      expectRow(page, [
        product.Id,
        product.Description,
        product.UnitPrice.toFixed(2),
        product.Total.toFixed(2),
      ]);
    }
  });

  it('gives the layout parser rows it can lay out, table columns aligned', async () => {
    const { document } = await ocr.recognize(await fixture('pdfs/gpt4v-invoice.pdf'), { pages: [1] });
    const text = renderLayoutConserved(document).text;
    expect(text).toMatch(/^ES40 +SHIP\. LABEL 54x101mm +136\.00 +1 +136\.00$/m);
    const header = text.split('\n').find((line) => line.startsWith('Item Code')) ?? '';
    const row = text.split('\n').find((line) => line.startsWith('PPR006')) ?? '';
    expect(row.indexOf('25.86')).toBe(header.indexOf('Unit Price'));
  });

  it('reads another invoice', async () => {
    const { document } = await ocr.recognize(await fixture('pdfs/contoso-invoice-1.pdf'), {});
    const [page] = document.pages as [OcrPage];
    expectWellFormed(page);
    for (const value of ['Contoso', '34278587', '6/18/2017', '$56,651.49']) lineWithText(page, value);
  });

  it('recognises only the pages asked for', async () => {
    const report = await fixture('pdfs/bcgov-monthly-report.pdf');
    const asked = await ocr.recognize(report, { pages: [2] });
    expect(asked.document.pages.map((page) => page.pageNumber)).toEqual([2]);
    expect(asked.document.pages[0]?.lines[0]?.id).toBe('p2-l0');
    expect(asked.usage).toEqual({ pages: 1, costUsd: 0 });
    lineWithText(asked.document.pages[0] as OcrPage, 'Gross pay: 1,344.00');

    const { document } = await ocr.recognize(report, { pages: [1, 5] });
    expect(document.pages.map((page) => page.pageNumber)).toEqual([1, 5]);
    const past = await ocr.recognize(report, { pages: [5, 6] });
    expect(past.document.pages.map((page) => page.pageNumber)).toEqual([5]);
    expect(past.warnings).toEqual([
      { code: 'pages-out-of-range', message: `Page 6 was skipped: ${report.name} has 5 pages.` },
    ]);
  });

  it('returns empty pages with a warning for a scan without a text layer', async () => {
    const { document, warnings } = await ocr.recognize(await fixture('pdfs/geofinder-scanned-form.pdf'), {});
    expect(document.pages.map((page) => [page.pageNumber, page.lines.length])).toEqual([
      [1, 0],
      [2, 0],
    ]);
    expect(warnings).toEqual([1, 2].map((page) => expect.objectContaining({ code: 'no-text-layer', page })));
    expect(warnings[0]?.message).toBe(
      "Page 1 came out empty because it has no text layer (it is probably a scan); use the 'tesseract' or 'auto' provider to OCR it.",
    );
  });

  it('refuses a document that is not a PDF, pointing to the providers that read images', async () => {
    await expect(ocr.recognize(await fixture('documents/single-page-1.png'), {})).rejects.toThrow(
      new InputError(
        "single-page-1.png is not a PDF (its content is image/png), and pdf-text reads PDFs; for images use the 'tesseract' or 'auto' provider.",
      ),
    );
  });

  it('enforces limits.maxPages, and refuses a damaged page', async () => {
    const limits = { ...DEFAULT_DOCUMENT_LIMITS, maxPages: 1 };
    const twoPages = await fixture('documents/textractor-multipage-doc.pdf');
    await expect(ocr.recognize(twoPages, { limits })).rejects.toThrow('over the limit of 1');
    const broken = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>']);
    await expect(ocr.recognize(await pdfDocument(broken, 'broken.pdf'), {})).rejects.toThrow(
      /^Page 1 of broken\.pdf cannot be read because the file is damaged/,
    );
  });

  it('rejects with the reason of an aborted signal', async () => {
    const reason = new Error('cancelled by the test');
    const document = await fixture('pdfs/bcgov-monthly-report.pdf');
    await expect(ocr.recognize(document, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
  });
});
