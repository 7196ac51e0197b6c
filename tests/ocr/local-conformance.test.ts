import { afterAll } from 'vitest';
import { loadDocument } from '../../src/index.js';
import { createAutoOcr } from '../../src/ocr/auto/index.js';
import { createPaddleOcr } from '../../src/ocr/paddle/index.js';
import { createPdfTextOcr } from '../../src/ocr/pdf-text/index.js';
import { createTesseractOcr } from '../../src/ocr/tesseract/index.js';
import type { OcrProvider } from '../../src/spec/ocr-provider.js';
import { type OcrConformanceCase, runOcrProviderConformance } from '../../src/testing/index.js';

const fixture = (path: string) => () => loadDocument(new URL(`../fixtures/${path}`, import.meta.url));

const digitalPdf: OcrConformanceCase = {
  name: 'a 3-page digital invoice',
  document: fixture('pdfs/gpt4v-invoice.pdf'),
  pages: 3,
  contains: ['3847193', '1075.70'],
};
const scannedImage: OcrConformanceCase = {
  name: 'a scanned page image',
  document: fixture('documents/single-page-1.png'),
  pages: 1,
  contains: ['Textractor Test'],
};

const scannedPdf: OcrConformanceCase = {
  name: 'a 2-page PDF rendered for OCR',
  document: fixture('documents/textractor-multipage-doc.pdf'),
  pages: 2,
  contains: ['Page (2)'],
};

// One instance per provider, shared by its cases and closed at the end: tesseract pools are costly to start.
function shared(make: () => OcrProvider): () => OcrProvider {
  let provider: OcrProvider | undefined;
  afterAll(() => provider?.close?.());
  return () => {
    provider ??= make();
    return provider;
  };
}

runOcrProviderConformance(
  'pdf-text',
  shared(() => createPdfTextOcr()),
  [digitalPdf],
);
runOcrProviderConformance(
  'tesseract',
  shared(() => createTesseractOcr({ workers: 1, dpi: 150 })),
  [scannedImage],
);
runOcrProviderConformance(
  'paddle',
  shared(() => createPaddleOcr({ workers: 1, dpi: 150 })),
  [scannedImage, scannedPdf],
);
runOcrProviderConformance(
  'auto',
  shared(() => createAutoOcr({ workers: 1, dpi: 150 })),
  [digitalPdf, scannedImage],
);
