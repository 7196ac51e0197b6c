/**
 * The `auto` OCR provider: each PDF page's own text layer where it has a usable one, tesseract for
 * the rest (scans) and for images. Offline.
 *
 * @module
 */
import type { OCRConfig } from '../../stages/ocr-config.js';
import type { PdfPage } from '../pdf/index.js';
import { extractTextLayer } from '../pdf-text/index.js';
import type { OcrProvider } from '../provider.js';
import {
  createTesseractProvider,
  type RecognizePdfPageOptions,
  recognizePdfPage,
  type TesseractPageResult,
  TesseractPool,
} from '../tesseract/index.js';

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
  // The tesseract provider's paging, limits and progress, with a page reader that tries the text layer first.
  const tesseract = createTesseractProvider(config, pool, readTextLayerOrOcr);
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: `pdf-text+${tesseract.modelId}`,
    async recognize(document, options) {
      const recognition = await tesseract.recognize(document, options);
      return { ...recognition, document: { ...recognition.document, provider: PROVIDER } };
    },
    close: () => pool.close(),
  };
}

async function readTextLayerOrOcr(
  pool: TesseractPool,
  page: PdfPage,
  options: RecognizePdfPageOptions,
): Promise<TesseractPageResult> {
  const layer = await extractTextLayer(page, { maxMs: options.maxMs, signal: options.signal });
  return layer.usable ? { page: layer.page, warnings: [] } : recognizePdfPage(pool, page, options);
}
