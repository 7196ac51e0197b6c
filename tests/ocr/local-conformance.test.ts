import { afterAll } from 'vitest';
import { loadDocument, OCRConfig } from '../../src/index.js';
import { createAutoProvider } from '../../src/ocr/auto/auto-provider.js';
import { createPaddleProvider } from '../../src/ocr/paddle/index.js';
import { createPdfTextProvider } from '../../src/ocr/pdf-text/index.js';
import { createTesseractProvider } from '../../src/ocr/tesseract/index.js';
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
  shared(() => createPdfTextProvider(new OCRConfig({ provider: 'pdf-text' }))),
  [digitalPdf],
);
runOcrProviderConformance(
  'tesseract',
  shared(() => createTesseractProvider(new OCRConfig({ provider: 'tesseract', workers: 1, dpi: 150 }))),
  [scannedImage],
);
runOcrProviderConformance(
  'paddle',
  shared(() => createPaddleProvider(new OCRConfig({ provider: 'paddle', workers: 1, dpi: 150 }))),
  [scannedImage, scannedPdf],
);
runOcrProviderConformance(
  'auto',
  shared(() => createAutoProvider(new OCRConfig({ provider: 'auto', workers: 1, dpi: 150 }))),
  [digitalPdf, scannedImage],
);
