/**
 * A pool of tesseract.js workers shared by every document a provider recognises.
 *
 * @module
 */
import { EnginePool, type PageEngineOptions } from '../engine-pool.js';
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
  recognize(image: PageImage, options: PageEngineOptions): Promise<TesseractPageResult> {
    return this.#workers.readPage(options, (worker, reading) => recognizeImage(worker, image, reading));
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
