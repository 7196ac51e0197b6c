import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { encodePng, openPdf, type PdfDocument, renderPdfPage } from '../../../src/ocr/pdf/index.js';
import { InputError } from '../../../src/spec/errors.js';
import { fixture, linesPdf, pdfDocument, rotatedPagePdf } from './sample-pdfs.js';

const BUDGET = 100_000_000;

async function firstPage<T>(bytes: Promise<Uint8Array>, use: (pdf: PdfDocument) => Promise<T>): Promise<T> {
  const pdf = await openPdf(await pdfDocument(await bytes));
  try {
    return await use(pdf);
  } finally {
    await pdf.close();
  }
}

/** The share of dark pixels in a PNG, and the red value of its top-left pixel. */
async function inspectPng(png: Uint8Array): Promise<{ dark: number; corner: number }> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark++;
  return { dark: dark / (image.width * image.height), corner: data[0] ?? 0 };
}

describe('renderPdfPage', () => {
  it('renders a text page to a PNG of the size the dpi gives, dark text on white', async () => {
    await firstPage(linesPdf(['INVOICE 3847193', 'Total Price: 1075.70']), async (pdf) => {
      const rendered = await renderPdfPage(await pdf.page(1), { dpi: 100, maxPixels: BUDGET });
      expect(rendered).toMatchObject({ width: 850, height: 1100 });
      const image = await loadImage(await encodePng(rendered));
      expect([image.width, image.height]).toEqual([850, 1100]);
      const { dark, corner } = await inspectPng(await encodePng(rendered));
      expect(corner).toBe(255);
      expect(dark).toBeGreaterThan(0.001);
      expect(dark).toBeLessThan(0.05);
    });
  });

  it('renders a rotated page upright, in landscape', async () => {
    await firstPage(rotatedPagePdf(), async (pdf) => {
      const rendered = await renderPdfPage(await pdf.page(1), { dpi: 72, maxPixels: BUDGET });
      expect(rendered).toMatchObject({ width: 792, height: 612 });
    });
  });

  it('refuses to render past the pixel budget, saying how to fit in it', async () => {
    await firstPage(linesPdf(['A page']), async (pdf) => {
      const rendering = renderPdfPage(await pdf.page(1), { dpi: 100, maxPixels: 500_000 });
      await expect(rendering).rejects.toThrow(
        new InputError(
          'Page 1 of generated.pdf is 612×792 points, which at 100 dpi is 850×1100 pixels (0.935 megapixels), over the limit of 0.5 megapixels; lower OCRConfig.dpi or raise limits.maxPixels.',
        ),
      );
    });
  });

  it('refuses a poster-sized scan at 300 dpi within the default budget', async () => {
    const pdf = await openPdf(await fixture('pdfs/geofinder-scanned-form.pdf'));
    try {
      const rendering = renderPdfPage(await pdf.page(1), { dpi: 300, maxPixels: BUDGET });
      await expect(rendering).rejects.toThrow(/is 3024×4032 points, which at 300 dpi is 12600×16800 pixels/);
    } finally {
      await pdf.close();
    }
  });

  it('stops rendering that overruns limits.maxPageMs, naming the page and the limit', async () => {
    const pdf = await openPdf(await fixture('pdfs/geofinder-scanned-form.pdf'));
    try {
      // A 4032×3024 photo drawn at 150 dpi takes far longer than a millisecond.
      const rendering = renderPdfPage(await pdf.page(2), { dpi: 150, maxPixels: 400_000_000, maxMs: 1 });
      await expect(rendering).rejects.toThrow(
        /^Rendering of page 2 took longer than the limit of 0\.001 s per page, so it was stopped;/,
      );
    } finally {
      await pdf.close();
    }
  });

  it('rejects with the reason of an aborted signal', async () => {
    await firstPage(linesPdf(['A page']), async (pdf) => {
      const page = await pdf.page(1);
      const reason = new Error('cancelled by the test');
      const controller = new AbortController();
      const rendering = renderPdfPage(page, { dpi: 150, maxPixels: BUDGET, signal: controller.signal });
      controller.abort(reason);
      await expect(rendering).rejects.toBe(reason);
    });
  });
});
