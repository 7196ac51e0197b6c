/**
 * A pool of tesseract.js workers shared by every document a provider recognises.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_DOCUMENT_LIMITS } from '../../document/limits.js';
import { ConfigError, ProviderError } from '../../errors.js';
import { isPageOverrun, withinPageBudget } from '../page-budget.js';
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

interface Job {
  readonly pageNumber: number;
  readonly maxMs: number;
  /** Reads the image on `worker`; `budget` aborts when the page's time is up, so no later reading starts. */
  readonly run: (worker: TesseractWorker, budget: AbortSignal) => Promise<TesseractPageResult>;
  readonly resolve: (result: TesseractPageResult) => void;
  readonly reject: (error: unknown) => void;
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
  readonly #langPath: string;
  readonly #queue: Job[] = [];
  readonly #running = new Set<Job>();
  readonly #idle: TesseractWorker[] = [];
  readonly #workers = new Set<TesseractWorker>();
  readonly #starting = new Set<Promise<TesseractWorker>>();
  #closed = false;

  /**
   * Checks the options; starts no worker.
   *
   * @throws {@link ConfigError} when `size` is not a positive whole number, or a language's
   * `@tesseract.js-data/<code>` package is not installed (the message names the `npm install` to run).
   */
  constructor(options: TesseractPoolOptions = {}) {
    const size = options.size ?? availableParallelism();
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new ConfigError(
        `The tesseract pool size must be a positive whole number, but it is ${String(size)}; pass e.g. 2, or leave it out for one worker per core.`,
        { option: 'OCRConfig.workers' },
      );
    }
    this.size = size;
    this.languages = Object.freeze([...(options.languages ?? ['eng'])]);
    this.#langPath = resolveLanguageData(this.languages);
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
    const { signal } = options;
    if (this.#closed) return Promise.reject(closedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<TesseractPageResult>((resolve, reject) => {
      const onAbort = () => {
        // A queued job never starts; a running one keeps its worker until tesseract returns.
        const index = this.#queue.indexOf(job);
        if (index !== -1) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const settled = () => signal?.removeEventListener('abort', onAbort);
      const job: Job = {
        pageNumber: options.pageNumber,
        maxMs: options.maxMs ?? DEFAULT_DOCUMENT_LIMITS.maxPageMs,
        run: (worker, budget) =>
          recognizeImage(worker, image, {
            pageNumber: options.pageNumber,
            label: options.name ?? `The image of page ${options.pageNumber}`,
            maxPixels: options.maxPixels ?? DEFAULT_DOCUMENT_LIMITS.maxPixels,
            // A page read upright may take several readings: none may start on a worker its overrun terminated.
            signal: signal ? AbortSignal.any([signal, budget]) : budget,
          }),
        resolve: (result) => {
          settled();
          resolve(result);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(job);
      this.#dispatch();
    });
  }

  /**
   * Terminates every worker; recognitions still queued or running reject, and later calls fail.
   *
   * @throws nothing; closing twice is harmless.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = closedError();
    for (const job of [...this.#queue.splice(0), ...this.#running]) job.reject(error);
    this.#running.clear();
    // A worker still starting terminates itself once started (see #startWorker); waiting for it means no
    // thread outlives close().
    await Promise.allSettled(this.#starting);
    await Promise.all([...this.#workers].map((worker) => worker.terminate()));
    this.#workers.clear();
    this.#idle.length = 0;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop();
      if (worker === undefined && this.#workers.size + this.#starting.size >= this.size) return;
      const job = this.#queue.shift() as Job;
      void this.#execute(job, worker);
    }
  }

  async #execute(job: Job, idle: TesseractWorker | undefined): Promise<void> {
    this.#running.add(job);
    let worker: TesseractWorker;
    try {
      worker = idle ?? (await this.#startWorker());
    } catch (error) {
      this.#running.delete(job);
      job.reject(error);
      this.#dispatch();
      return;
    }
    try {
      job.resolve(
        await withinPageBudget((budget) => job.run(worker, budget), {
          work: 'OCR',
          pageNumber: job.pageNumber,
          maxMs: job.maxMs,
        }),
      );
    } catch (error) {
      job.reject(error);
      // Tesseract's WebAssembly state may be broken after a failure of its own, and a worker still busy past
      // its budget may never return: a fresh worker replaces either.
      if (ProviderError.isInstance(error) || isPageOverrun(error)) await this.#discard(worker);
    }
    this.#running.delete(job);
    if (this.#closed) return;
    if (this.#workers.has(worker)) this.#idle.push(worker);
    this.#dispatch();
  }

  async #startWorker(): Promise<TesseractWorker> {
    const starting = TesseractWorker.start(this.languages, this.#langPath);
    this.#starting.add(starting);
    try {
      const worker = await starting;
      if (this.#closed) {
        await worker.terminate();
        throw closedError();
      }
      this.#workers.add(worker);
      return worker;
    } finally {
      this.#starting.delete(starting);
    }
  }

  async #discard(worker: TesseractWorker): Promise<void> {
    this.#workers.delete(worker);
    await worker.terminate();
  }
}

function closedError(): ProviderError {
  return new ProviderError(
    'The tesseract pool is closed; create a new provider (or TesseractPool) to recognise more images.',
    { provider: 'tesseract' },
  );
}
