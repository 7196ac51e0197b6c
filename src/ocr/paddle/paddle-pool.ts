/**
 * A pool of paddle worker processes shared by every document a provider recognises.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { EnginePool, type PageEngineOptions } from '../engine-pool.js';
import type { PageEngine, PageImage, RecognizedPage } from '../paged-recognition.js';
import type { DetectionSizeLimits } from './detection-size.js';
import type { PaddleInstallation } from './onnx-models.js';
import { PaddleWorker } from './paddle-worker.js';
import { recognizePaddleImage } from './recognize-paddle-image.js';

/** Options of {@link PaddlePool}. */
export interface PaddlePoolOptions {
  /** Where ONNX Runtime and the models are (see `locatePaddleInstallation`). */
  readonly installation: PaddleInstallation;
  /** The most images recognised at once, each in its own worker process. @default os.availableParallelism() */
  readonly size?: number;
  /** The working resolution of text detection. @default {@link DEFAULT_DETECTION_SIZE} */
  readonly detection?: DetectionSizeLimits;
}

/**
 * The detector's working resolution: pages are scaled down to 1600 pixels on their longest side, and small
 * images scaled up to 960 on their shortest, at most twice. On the 19 HR0081 form photos (2200×1700 to
 * 2610×3348) the values found were 130 of 230 at PaddleOCR's 960 and at 1280, 134 at 1600, 136 at 2048 for
 * half as much time again.
 */
export const DEFAULT_DETECTION_SIZE: DetectionSizeLimits = { maxSide: 1600, minSide: 960, maxUpscale: 2 };

/**
 * A pool of paddle OCR worker processes (PP-OCR models on ONNX Runtime), sized to the cores by default, reused
 * across documents; `close()` terminates them. Workers start lazily on first use, and share the cores: each
 * runs ONNX Runtime on its share of them.
 *
 * @example
 * ```ts
 * const pool = new PaddlePool({ installation: locatePaddleInstallation(), size: 2 });
 * try {
 *   const { page } = await pool.recognize(await readFile('receipt.jpg'), { pageNumber: 1 });
 * } finally {
 *   await pool.close();
 * }
 * ```
 */
export class PaddlePool implements PageEngine {
  /** The most images recognised at once. */
  readonly size: number;
  readonly #workers: EnginePool<PaddleWorker>;

  /**
   * Checks the options; starts no worker.
   *
   * @throws {@link ConfigError} when `size` is not a positive whole number.
   */
  constructor(options: PaddlePoolOptions) {
    const size = options.size ?? availableParallelism();
    const detection = options.detection ?? DEFAULT_DETECTION_SIZE;
    this.#workers = new EnginePool({
      engine: 'paddle',
      size,
      start: () =>
        PaddleWorker.start({
          installation: options.installation,
          // Each process runs ONNX Runtime on its share of the cores, so the pool never asks for more than there are.
          threads: Math.max(1, Math.floor(availableParallelism() / size)),
          detection,
        }),
    });
    this.size = this.#workers.size;
  }

  /**
   * OCR of one image (PNG/JPEG/TIFF/BMP/WEBP/GIF bytes, or a rendered PDF page) into an `OcrPage` (unit 'pixel',
   * lines with words, confidences 0..1, boxes normalized), turned upright when its text runs sideways or upside
   * down, `angle` saying by how much.
   *
   * @throws {@link InputError} when the bytes are not a readable image, it has more than `maxPixels` pixels, or
   * reading it takes longer than `maxMs`.
   * @throws {@link ProviderError} when the engine fails, or the pool is closed.
   * @throws `signal.reason` when the signal aborts; a reading in progress finishes in the background.
   */
  recognize(image: PageImage, options: PageEngineOptions): Promise<RecognizedPage> {
    return this.#workers.readPage(options, (worker, reading) => recognizePaddleImage(worker, image, reading));
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
