/**
 * Speed of the local OCR providers.
 *
 * 1. `pdf-text` on a 200-page generated text PDF. Target: ≥ 100 pages/s.
 * 2. The tesseract worker pool on a 10-page scan (image-only PDF, pages rendered at 150 DPI),
 *    2 workers against 1 in the same run. Target on this 2-core machine: ≥ 1.6× the throughput.
 *
 * Run: npx tsx bench/ocr-speed.ts
 */
import { PDFDocument } from 'pdf-lib';
import { linearPipeline, type OCRConfigOptions, Stage } from '../src/index.js';
import { encodePng, openPdf, renderPdfPage } from '../src/ocr/pdf/index.js';
import { generateInvoices, generateLongPdf } from './invoice-generator.js';
import { median, repeat } from './stats.js';

async function pagesPerSecond(
  pdf: Uint8Array,
  pages: number,
  ocr: OCRConfigOptions,
  runs: number,
): Promise<number> {
  const pipeline = linearPipeline({ stages: [Stage.OCR], ocr });
  try {
    await pipeline.run({ data: pdf, name: 'warm-up.pdf' }); // JIT and worker start-up are not throughput
    const seconds = await repeat(runs, async () => {
      const started = performance.now();
      await pipeline.run({ data: pdf, name: 'bench.pdf' });
      return (performance.now() - started) / 1000;
    });
    return pages / median(seconds);
  } finally {
    await pipeline.close();
  }
}

/** An image-only PDF: each page of `source` rendered to PNG and placed on a page of its own. */
async function scannedCopy(source: Uint8Array, dpi: number): Promise<Uint8Array> {
  const document = await openPdf({
    id: 'source',
    name: 'source.pdf',
    mediaType: 'application/pdf',
    bytes: source,
  });
  const scan = await PDFDocument.create();
  try {
    for (let n = 1; n <= document.pageCount; n++) {
      const page = await document.page(n);
      const image = await scan.embedPng(
        await encodePng(await renderPdfPage(page, { dpi, maxPixels: 100_000_000 })),
      );
      scan
        .addPage([page.width, page.height])
        .drawImage(image, { x: 0, y: 0, width: page.width, height: page.height });
    }
  } finally {
    await document.close();
  }
  return scan.save();
}

const longPdf = await generateLongPdf(200);
const pdfText = await pagesPerSecond(longPdf, 200, { provider: 'pdf-text' }, 5);
console.log('local OCR speed');
console.log(`  pdf-text, 200-page text PDF (median of 5)     : ${pdfText.toFixed(0)} pages/s (target ≥ 100)`);

// Ten pages of invoices, the first ones of the generated set, rasterized into a scan.
const invoicePages = await PDFDocument.create();
for (const invoice of await generateInvoices(10)) {
  const source = await PDFDocument.load(invoice.pdf);
  const [first] = await invoicePages.copyPages(source, [0]);
  if (first) invoicePages.addPage(first);
}
const scan = await scannedCopy(await invoicePages.save(), 150);
const one = await pagesPerSecond(scan, 10, { provider: 'tesseract', workers: 1, dpi: 150 }, 3);
const two = await pagesPerSecond(scan, 10, { provider: 'tesseract', workers: 2, dpi: 150 }, 3);
console.log(`  tesseract, 10-page scan, 1 worker (median of 3): ${one.toFixed(2)} pages/s`);
console.log(
  `  tesseract, 10-page scan, 2 workers            : ${two.toFixed(2)} pages/s — ${(two / one).toFixed(2)}× (target ≥ 1.6×)`,
);
