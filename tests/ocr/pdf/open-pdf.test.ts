import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DOCUMENT_LIMITS } from '../../../src/document/limits.js';
import { openPdf, type PdfDocument } from '../../../src/ocr/pdf/index.js';
import { InputError } from '../../../src/spec/errors.js';
import { encryptedPdf, rawPdf, zeroPagePdf } from './crafted-pdfs.js';
import { fixture, pdfDocument, rotatedPagePdf } from './sample-pdfs.js';

const INVOICE = 'pdfs/gpt4v-invoice.pdf';

async function withPdf<T>(pdf: PdfDocument, use: (pdf: PdfDocument) => Promise<T>): Promise<T> {
  try {
    return await use(pdf);
  } finally {
    await pdf.close();
  }
}

async function openError(bytes: Uint8Array, name: string): Promise<InputError> {
  const error = await openPdf(await pdfDocument(bytes, name)).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('openPdf', () => {
  it('opens a PDF and reads its pages on demand, with their size in points', async () => {
    await withPdf(await openPdf(await fixture(INVOICE)), async (pdf) => {
      expect(pdf.pageCount).toBe(3);
      const page = await pdf.page(2);
      expect(page).toMatchObject({ pageNumber: 2, rotation: 0 });
      expect(page.width).toBeCloseTo(595.32, 1);
      expect(page.height).toBeCloseTo(841.92, 1);
    });
  });

  it("reports a page's size as a reader sees it, after its /Rotate", async () => {
    await withPdf(await openPdf(await pdfDocument(await rotatedPagePdf())), async (pdf) => {
      expect(await pdf.page(1)).toMatchObject({ rotation: 90, width: 792, height: 612 });
    });
  });

  it('leaves the document bytes intact, so the same document can be opened again', async () => {
    const document = await fixture(INVOICE);
    const length = document.bytes?.byteLength;
    await (await openPdf(document)).close();
    expect(document.bytes?.byteLength).toBe(length);
    await withPdf(await openPdf(document), async (pdf) => expect(pdf.pageCount).toBe(3));
  });

  it('refuses a page the PDF does not have, naming its page count', async () => {
    await withPdf(await openPdf(await fixture(INVOICE)), async (pdf) => {
      await expect(pdf.page(4)).rejects.toThrow(
        'Page 4 was requested but gpt4v-invoice.pdf has 3 pages; ask for pages from 1 to 3 (OCRConfig.pages).',
      );
    });
  });

  it('refuses a password-protected PDF, saying to remove the password', async () => {
    const error = await openError(encryptedPdf('secret'), 'statement.pdf');
    expect(error.message).toMatch(
      /^statement\.pdf is password-protected; remove the password .* decrypted PDF\.$/,
    );
  });

  it('refuses a truncated PDF, saying to copy it again in full', async () => {
    const bytes = await readFile(fileURLToPath(new URL(`../../fixtures/${INVOICE}`, import.meta.url)));
    const error = await openError(bytes.subarray(0, bytes.byteLength / 2), 'half.pdf');
    expect(error.message).toMatch(/^half\.pdf cannot be read as a PDF because the file is truncated \(/);
    expect(error.message).toContain('copy or download the file again in full');
  });

  it('refuses a PDF with garbage after its header as damaged', async () => {
    const garbage = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251);
    const error = await openError(new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...garbage]), 'garbage.pdf');
    expect(error.message).toMatch(
      /^garbage\.pdf cannot be read as a PDF because the file is damaged \(pdf\.js: /,
    );
  });

  it('refuses a PDF without pages', async () => {
    const error = await openError(zeroPagePdf(), 'empty.pdf');
    expect(error.message).toBe(
      'empty.pdf has no pages; pass a PDF with at least one page (if it should have some, re-export it).',
    );
  });

  it('refuses a PDF with more pages than limits.maxPages', async () => {
    const limits = { ...DEFAULT_DOCUMENT_LIMITS, maxPages: 2 };
    await expect(openPdf(await fixture(INVOICE), { limits })).rejects.toThrow(
      'gpt4v-invoice.pdf has 3 pages, over the limit of 2; raise limits.maxPages to process it, or split the PDF.',
    );
  });

  it('refuses a document that is not a PDF', async () => {
    await expect(openPdf(await fixture('documents/single-page-1.png'))).rejects.toThrow(
      'single-page-1.png is not a PDF (its content is image/png); pass a PDF, or use a provider that reads image/png.',
    );
  });

  it('rejects with the reason of an aborted signal', async () => {
    const reason = new Error('cancelled by the test');
    await expect(openPdf(await fixture(INVOICE), { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    const controller = new AbortController();
    const opening = openPdf(await fixture(INVOICE), { signal: controller.signal });
    controller.abort(reason);
    await expect(opening).rejects.toBe(reason);
  });

  it('refuses a page whose object is damaged, naming the page', async () => {
    const bytes = rawPdf(['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>']);
    await withPdf(await openPdf(await pdfDocument(bytes, 'broken.pdf')), async (pdf) => {
      await expect(pdf.page(1)).rejects.toThrow(
        /^Page 1 of broken\.pdf cannot be read because the file is damaged \(pdf\.js: .+\); copy or download/,
      );
    });
  });
});
