/**
 * The `tesseract` OCR provider: tesseract.js on a pool of worker threads, offline.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import type { OCRConfig } from '../../stages/ocr-config.js';
import { type PdfPageReader, recognizeDocument } from './recognize-document.js';
import { TesseractPool } from './tesseract-pool.js';

const PROVIDER = 'tesseract';
// docpipe's own reading around the engine (the upright search, selection marks, the tilt it reports). It is in
// the model id, which every cache key of a recognised page holds: a new reading serves no page of the old one.
const READING_REVISION = 'read-2';

/**
 * The 'tesseract' OCR provider: images directly, PDFs page by page rendered at `config.dpi`, on a pool of
 * `config.workers` workers that `close()` terminates. Its `modelId` is `tesseract.js-7/<languages>/<reading revision>`.
 *
 * @param pool - A pool shared with other providers, which its owner closes; by default the provider makes its own
 * of `config.workers` workers reading `config.languages`, which its `close()` terminates.
 * @param readPdfPage - How a PDF page is read; by default rendered and OCRed (the `auto` provider tries the
 * text layer first).
 * @example
 * ```ts
 * const ocr = createTesseractProvider(new OCRConfig({ provider: 'tesseract', dpi: 200 }));
 * const { document, warnings } = await ocr.recognize(await loadDocument('scan.pdf'), {});
 * await ocr.close?.();
 * ```
 * @throws {@link ConfigError} when `config.workers` is invalid or a language's `@tesseract.js-data/<code>`
 * package is not installed.
 */
export function createTesseractProvider(
  config: OCRConfig,
  pool?: TesseractPool,
  readPdfPage?: PdfPageReader,
): OcrProvider {
  const workers =
    pool ??
    new TesseractPool({
      languages: config.languages,
      ...(config.workers === undefined ? {} : { size: config.workers }),
    });
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: `tesseract.js-7/${workers.languages.join('+')}/${READING_REVISION}`,
    async recognize(document, options) {
      const { pages, warnings } = await recognizeDocument(
        workers,
        document,
        {
          pages: options.pages ?? config.pages,
          dpi: config.dpi,
          limits: options.limits ?? DEFAULT_DOCUMENT_LIMITS,
          signal: options.signal,
          onProgress: options.onProgress,
        },
        readPdfPage,
      );
      return {
        document: { provider: PROVIDER, pages: pages.map((result) => result.page) },
        usage: { pages: pages.length, costUsd: 0 },
        warnings: [...warnings, ...pages.flatMap((result) => result.warnings)],
      };
    },
    close: () => (pool === undefined ? workers.close() : Promise.resolve()),
  };
}
