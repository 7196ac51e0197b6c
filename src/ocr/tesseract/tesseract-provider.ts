/**
 * The `tesseract` OCR provider: tesseract.js on a pool of worker threads, offline.
 *
 * @module
 */
import type { OcrProvider } from '../../spec/ocr-provider.js';
import { localEngineProvider } from '../local-engine-provider.js';
import { type LocalEngineSettings, resolveLocalEngineSettings } from '../local-engine-settings.js';
import type { PdfPageReader } from './recognize-document.js';
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
  return localEngineProvider({
    provider: PROVIDER,
    modelId: `tesseract.js-7/${pool.languages.join('+')}/${READING_REVISION}`,
    engine: pool,
    ownsEngine: settings.pool === undefined,
    dpi,
    readPdfPage: settings.readPdfPage,
    engineName: PROVIDER,
  });
}
