/**
 * The `auto` OCR provider: each PDF page's own text layer where it has a usable one, tesseract for
 * the rest (scans) and for images. Offline.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from '../../document/limits.js';
import type { LoadedDocument, OcrPage, Warning } from '../../document/model.js';
import type { OCRConfig } from '../../stages/ocr-config.js';
import { mapPages, openPdf, type PdfDocument, selectPages } from '../pdf/index.js';
import { extractTextLayer } from '../pdf-text/index.js';
import type { OcrProvider, OcrRecognition, OcrRecognizeOptions } from '../provider.js';
import { createTesseractProvider, recognizePdfPage, TesseractPool } from '../tesseract/index.js';

const PROVIDER = 'auto';

/**
 * The `auto` provider: `pdf-text` for PDF pages with a usable text layer, tesseract (rendered at
 * `config.dpi`) for the pages without one, page by page; images go to tesseract.
 *
 * @example
 * ```ts
 * linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr: new OCRConfig({ provider: 'auto' }) });
 * ```
 * @throws {ConfigError} when a tesseract language package is missing
 */
export function createAutoProvider(config: OCRConfig): OcrProvider {
  const pool = new TesseractPool({
    languages: config.languages,
    ...(config.workers === undefined ? {} : { size: config.workers }),
  });
  const images = createTesseractProvider(config, pool);
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: `pdf-text+${images.modelId}`,
    async recognize(document, options) {
      if (document.mediaType !== 'application/pdf') {
        const recognition = await images.recognize(document, options);
        return { ...recognition, document: { ...recognition.document, provider: PROVIDER } };
      }
      return recognizePdf(document, options, { pool, dpi: config.dpi });
    },
    close: () => pool.close(),
  };
}

async function recognizePdf(
  document: LoadedDocument,
  { signal, pages, limits = DEFAULT_DOCUMENT_LIMITS, onProgress }: OcrRecognizeOptions,
  ocr: { readonly pool: TesseractPool; readonly dpi: number },
): Promise<OcrRecognition> {
  const pdf = await openPdf(document, { signal, limits });
  try {
    const selected = selectPages(pdf.pageCount, pages);
    // One lane more than the pool has workers keeps a rendered page ready for the next free worker.
    const results = await mapPages(
      selected,
      { lanes: ocr.pool.size + 1, signal, onProgress },
      (n, pageSignal) => readPage(pdf, n, { ...ocr, limits, signal: pageSignal }),
    );
    return {
      document: { provider: PROVIDER, pages: results.map((result) => result.page) },
      usage: { pages: results.length, costUsd: 0 },
      warnings: results.flatMap((result) => result.warnings),
    };
  } finally {
    await pdf.close();
  }
}

async function readPage(
  pdf: PdfDocument,
  pageNumber: number,
  options: { pool: TesseractPool; dpi: number; limits: DocumentLimits; signal: AbortSignal },
): Promise<{ page: OcrPage; warnings: readonly Warning[] }> {
  const page = await pdf.page(pageNumber);
  const layer = await extractTextLayer(page);
  if (layer.usable) return { page: layer.page, warnings: [] };
  return recognizePdfPage(options.pool, page, {
    dpi: options.dpi,
    maxPixels: options.limits.maxPixels,
    signal: options.signal,
  });
}
