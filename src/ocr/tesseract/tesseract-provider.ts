/**
 * The `tesseract` OCR provider: tesseract.js on a pool of worker threads, offline.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import { type LocalEngineSettings, resolveLocalEngineSettings } from '../local-engine-settings.js';
import { type PdfPageReader, recognizeDocument } from './recognize-document.js';
import { TesseractPool } from './tesseract-pool.js';

const PROVIDER = 'tesseract';
// docpipe's own reading around the engine (the upright search, selection marks, the tilt it reports). It is in
// the model id, which every cache key of a recognised page holds: a new reading serves no page of the old one.
const READING_REVISION = 'read-2';

/** Settings of {@link createTesseractOcr}; `OCRConfig` options of the same names fill them in a pipeline. */
export interface TesseractOcrSettings extends LocalEngineSettings {
  /**
   * A pool shared with other providers, which its owner closes; its languages and size replace `languages` and
   * `workers`. @default a pool of the provider's own, which its `close()` terminates
   * @internal
   */
  readonly pool?: TesseractPool;
  /**
   * How a PDF page is read. @default rendered at `dpi` and OCRed (the `auto` provider tries the text layer first)
   * @internal
   */
  readonly readPdfPage?: PdfPageReader;
}

/**
 * An OCR provider on tesseract.js, offline: images directly, PDFs page by page rendered at `settings.dpi`, on a
 * pool of `settings.workers` worker threads reading `settings.languages` (each needs its
 * `@tesseract.js-data/<code>` package), which `close()` terminates. Its `modelId` is
 * `tesseract.js-7/<languages>/<reading revision>`. In a pipeline, `OCRConfig` options of the same names fill the
 * settings.
 *
 * @example
 * ```ts
 * const tesseract = createTesseractOcr({ languages: ['eng', 'deu'], dpi: 200, workers: 2 });
 * const pipeline = linearPipeline({ jsonSchema, ocr: new OCRConfig({ provider: tesseract }) });
 * ```
 * @throws {@link ConfigError} when `dpi` or `workers` is invalid, or a language's `@tesseract.js-data/<code>`
 * package is not installed.
 */
export function createTesseractOcr(settings: TesseractOcrSettings = {}): OcrProvider {
  const { languages, dpi, workers } = resolveLocalEngineSettings(settings);
  const pool =
    settings.pool ?? new TesseractPool({ languages, ...(workers === undefined ? {} : { size: workers }) });
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: `tesseract.js-7/${pool.languages.join('+')}/${READING_REVISION}`,
    async recognize(document, options) {
      const { pages, warnings } = await recognizeDocument(
        pool,
        document,
        {
          pages: options.pages,
          dpi,
          limits: options.limits ?? DEFAULT_DOCUMENT_LIMITS,
          signal: options.signal,
          onProgress: options.onProgress,
        },
        settings.readPdfPage,
      );
      return {
        document: { provider: PROVIDER, pages: pages.map((result) => result.page) },
        usage: { pages: pages.length, costUsd: 0 },
        warnings: [...warnings, ...pages.flatMap((result) => result.warnings)],
      };
    },
    close: () => (settings.pool === undefined ? pool.close() : Promise.resolve()),
  };
}
