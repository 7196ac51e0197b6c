/**
 * A pool of tesseract.js workers shared by every document a provider recognises.
 *
 * @module
 */
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import { EnginePool } from '../engine-pool.js';
import { resolveLanguageData } from './language-data.js';
import { type PageImage, recognizeImage, type TesseractPageResult } from './recognize-image.js';
import { TesseractWorker } from './tesseract-worker.js';

export type { TesseractPageResult } from './recognize-image.js';

/** Options of {@link TesseractPool}. */
export interface TesseractPoolOptions {
  /** The most images recognised at once, each on its own worker thread. @default os.availableParallelism() */
  readonly size?: number;
  /** Languages every worker reads; each needs its `@tesseract.js-data/<code>` package. @default ['eng'] */
  readonly languages?: readonly string[];
}

/** Options of {@link TesseractPool.recognize}. */
export interface TesseractRecognizeOptions {
  /** The 1-based page number the image is, for line ids (`p2-l0`) and messages. */
  readonly pageNumber: number;
  /** How messages name the image, e.g. its file's name. @default `The image of page <pageNumber>` */
  readonly name?: string;
  /** Cancels the recognition: the promise rejects with `signal.reason` at once. */
  readonly signal?: AbortSignal;
  /** The most pixels the image may have (`limits.maxPixels`). @default 100_000_000 */
  readonly maxPixels?: number;
  /**
   * The most milliseconds the recognition may run on its worker (`limits.maxPageMs`); past it the worker thread
   * is terminated and replaced. @default 60_000
   */
  readonly maxMs?: number;
}

/**
 * A pool of tesseract.js workers, sized to the cores by default, reused across documents; `close()` terminates
 * them. Workers start lazily on first use.
 *
 * @example
 * ```ts
 * const pool = new TesseractPool({ size: 2 });
 * try {
 *   const { page, warnings } = await pool.recognize(await readFile('scan.png'), { pageNumber: 1 });
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export class TesseractPool {
  /** The most images recognised at once. */
  readonly size: number;
  /** The languages every worker reads. */
  readonly languages: readonly string[];
  readonly #workers: EnginePool<TesseractWorker>;

  /**
   * Checks the options; starts no worker.
   *
   * @throws {@link ConfigError} when `size` is not a positive whole number, or a language's
   * `@tesseract.js-data/<code>` package is not installed (the message names the `npm install` to run).
   */
  constructor(options: TesseractPoolOptions = {}) {
    const languages = Object.freeze([...(options.languages ?? ['eng'])]);
    const langPath = resolveLanguageData(languages);
    this.#workers = new EnginePool({
      engine: 'tesseract',
      ...(options.size === undefined ? {} : { size: options.size }),
      start: () => TesseractWorker.start(languages, langPath),
    });
    this.size = this.#workers.size;
    this.languages = languages;
  }

  /**
   * OCR of one image (PNG/JPEG/TIFF/BMP/WEBP/GIF bytes) into an `OcrPage` (unit 'pixel', width/height in pixels,
   * lines with words, confidences 0..1, boxes normalized); detects and corrects rotation (0/90/180/270), setting
   * `angle` to the rotation found.
   *
   * @throws {@link InputError} when the bytes are not a readable image, it has more than `maxPixels` pixels, or
   * reading it takes longer than `maxMs`.
   * @throws {@link ProviderError} when tesseract fails, or the pool is closed.
   * @throws `signal.reason` when the signal aborts; a reading in progress finishes in the background.
   */
  recognize(image: PageImage, options: TesseractRecognizeOptions): Promise<TesseractPageResult> {
    const { signal, pageNumber } = options;
    return this.#workers.run({
      pageNumber,
      ...(options.maxMs === undefined ? {} : { maxMs: options.maxMs }),
      ...(signal ? { signal } : {}),
      run: (worker, budget) =>
        recognizeImage(worker, image, {
          pageNumber,
          label: options.name ?? `The image of page ${pageNumber}`,
          maxPixels: options.maxPixels ?? DEFAULT_DOCUMENT_LIMITS.maxPixels,
          // A page read upright may take several readings: none may start on a worker its overrun terminated.
          signal: signal ? AbortSignal.any([signal, budget]) : budget,
        }),
    });
  }

  /**
   * Terminates every worker; recognitions still queued or running reject, and later calls fail.
   *
   * @throws nothing; closing twice is harmless.
   */
  close(): Promise<void> {
    return this.#workers.close();
  }
}
