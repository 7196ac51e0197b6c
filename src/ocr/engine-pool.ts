/**
 * The pool both local OCR engines run on: a fixed number of workers (tesseract's threads, paddle's processes)
 * started lazily, reused across documents, one page at a time each, every page within its time budget; a
 * worker that failed or overran is replaced, and `close()` leaves none behind.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { DEFAULT_DOCUMENT_LIMITS } from '../document/limits.js';
import { ConfigError, ProviderError } from '../spec/errors.js';
import { isPageOverrun, withinPageBudget } from './page-budget.js';

/** What the pool needs of a worker. */
export interface EngineWorker {
  /** Ends the worker; a reading in progress on it fails. */
  terminate(): Promise<void>;
}

/** Options of {@link EnginePool}. */
export interface EnginePoolOptions<W extends EngineWorker> {
  /** The engine's provider name, for messages: `tesseract`, `paddle`. */
  readonly engine: string;
  /** The most pages read at once, each on a worker of its own. @default os.availableParallelism() */
  readonly size?: number;
  /** Starts one worker. */
  readonly start: () => Promise<W>;
}

/** Options of a page engine's `recognize` (`PageEngine`, `EnginePool.readPage`). */
export interface PageEngineOptions {
  /** The 1-based page number the image is, for line ids and messages. */
  readonly pageNumber: number;
  /** How messages name the image, e.g. its file's name. */
  readonly name?: string;
  readonly signal?: AbortSignal | undefined;
  /** The most pixels the image may have (`limits.maxPixels`). */
  readonly maxPixels?: number;
  /** The most milliseconds the recognition may take (`limits.maxPageMs`). */
  readonly maxMs?: number;
}

/** What reading one page image on a worker is told. */
export interface PageReading {
  readonly pageNumber: number;
  /** How error messages name the image. */
  readonly label: string;
  readonly maxPixels: number;
  /** Aborts at the caller's abort or when the page's time is up, so no later reading of the page starts. */
  readonly signal: AbortSignal;
}

/** One page's reading on the pool. */
export interface EngineJob<W extends EngineWorker, R> {
  /** The 1-based page number, for messages. */
  readonly pageNumber: number;
  /** The most milliseconds the reading may take (`limits.maxPageMs`). @default 60_000 */
  readonly maxMs?: number;
  /** Cancels the reading: the promise rejects with `signal.reason` at once. */
  readonly signal?: AbortSignal;
  /** Reads the page on `worker`; `budget` aborts when the page's time is up, so no later reading starts. */
  readonly run: (worker: W, budget: AbortSignal) => Promise<R>;
}

interface QueuedJob<W extends EngineWorker> {
  readonly job: EngineJob<W, unknown>;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Workers of one engine, and the pages waiting for them.
 *
 * @example
 * ```ts
 * const pool = new EnginePool({ engine: 'tesseract', size: 2, start: () => TesseractWorker.start(['eng'], path) });
 * const page = await pool.run({ pageNumber: 1, run: (worker, budget) => read(worker, image, budget) });
 * await pool.close();
 * ```
 */
export class EnginePool<W extends EngineWorker> {
  /** The most pages read at once. */
  readonly size: number;
  readonly #engine: string;
  readonly #start: () => Promise<W>;
  readonly #queue: QueuedJob<W>[] = [];
  readonly #running = new Set<QueuedJob<W>>();
  readonly #idle: W[] = [];
  readonly #workers = new Set<W>();
  readonly #starting = new Set<Promise<W>>();
  #closed = false;

  /**
   * Checks the size; starts no worker.
   *
   * @throws {@link ConfigError} when `size` is not a positive whole number.
   */
  constructor(options: EnginePoolOptions<W>) {
    const size = options.size ?? availableParallelism();
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new ConfigError(
        `The ${options.engine} pool size must be a positive whole number, but it is ${String(size)}; pass e.g. 2, or leave it out for one worker per core.`,
        { option: 'OCRConfig.workers' },
      );
    }
    this.size = size;
    this.#engine = options.engine;
    this.#start = options.start;
  }

  /**
   * Reads one page image on a worker within the page's time budget: `read` is told the page's number, its name in
   * messages, its pixel limit, and a signal that ends at the caller's abort or the budget's end.
   */
  readPage<R>(options: PageEngineOptions, read: (worker: W, reading: PageReading) => Promise<R>): Promise<R> {
    const { signal, pageNumber } = options;
    return this.run({
      pageNumber,
      ...(options.maxMs === undefined ? {} : { maxMs: options.maxMs }),
      ...(signal ? { signal } : {}),
      run: (worker, budget) =>
        read(worker, {
          pageNumber,
          label: options.name ?? `The image of page ${pageNumber}`,
          maxPixels: options.maxPixels ?? DEFAULT_DOCUMENT_LIMITS.maxPixels,
          // A page read upright may take several readings: none may start on a worker its overrun terminated.
          signal: signal ? AbortSignal.any([signal, budget]) : budget,
        }),
    });
  }

  /**
   * Reads one page on the next free worker, within its time budget.
   *
   * @throws {@link InputError} when the reading takes longer than `maxMs` (its worker is replaced).
   * @throws {@link ProviderError} when the pool is closed, or what `run` throws (its worker is replaced).
   * @throws `signal.reason` when the signal aborts; a reading in progress finishes in the background.
   */
  run<R>(job: EngineJob<W, R>): Promise<R> {
    const { signal } = job;
    if (this.#closed) return Promise.reject(this.#closedError());
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<R>((resolve, reject) => {
      const onAbort = () => {
        // A queued job never starts; a running one keeps its worker until the page is read.
        const index = this.#queue.indexOf(queued);
        if (index !== -1) this.#queue.splice(index, 1);
        reject(signal?.reason);
      };
      const settled = () => signal?.removeEventListener('abort', onAbort);
      const queued: QueuedJob<W> = {
        job: job as EngineJob<W, unknown>,
        resolve: (result) => {
          settled();
          resolve(result as R);
        },
        reject: (error) => {
          settled();
          reject(error);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#queue.push(queued);
      this.#dispatch();
    });
  }

  /**
   * Terminates every worker; readings still queued or running reject, and later calls fail.
   *
   * @throws nothing; closing twice is harmless.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const error = this.#closedError();
    for (const queued of [...this.#queue.splice(0), ...this.#running]) queued.reject(error);
    this.#running.clear();
    // A worker still starting terminates itself once started (see #startWorker): none outlives close().
    await Promise.allSettled(this.#starting);
    await Promise.all([...this.#workers].map((worker) => worker.terminate()));
    this.#workers.clear();
    this.#idle.length = 0;
  }

  #dispatch(): void {
    while (this.#queue.length > 0) {
      const worker = this.#idle.pop();
      if (worker === undefined && this.#workers.size + this.#starting.size >= this.size) return;
      const queued = this.#queue.shift() as QueuedJob<W>;
      void this.#execute(queued, worker);
    }
  }

  async #execute(queued: QueuedJob<W>, idle: W | undefined): Promise<void> {
    this.#running.add(queued);
    let worker: W;
    try {
      worker = idle ?? (await this.#startWorker());
    } catch (error) {
      this.#running.delete(queued);
      queued.reject(error);
      this.#dispatch();
      return;
    }
    const { job } = queued;
    try {
      queued.resolve(
        await withinPageBudget((budget) => job.run(worker, budget), {
          work: 'OCR',
          pageNumber: job.pageNumber,
          maxMs: job.maxMs ?? DEFAULT_DOCUMENT_LIMITS.maxPageMs,
        }),
      );
    } catch (error) {
      queued.reject(error);
      // An engine's state may be broken after a failure of its own (tesseract's WebAssembly), and a worker still
      // busy past its budget may never return: a fresh worker replaces either. Terminating fails its page's
      // reading, which nobody awaits any more.
      if (ProviderError.isInstance(error) || isPageOverrun(error)) await this.#discard(worker);
    }
    this.#running.delete(queued);
    if (this.#closed) return;
    if (this.#workers.has(worker)) this.#idle.push(worker);
    this.#dispatch();
  }

  #startWorker(): Promise<W> {
    const starting = (async () => {
      const worker = await this.#start();
      if (this.#closed) {
        await worker.terminate();
        throw this.#closedError();
      }
      this.#workers.add(worker);
      return worker;
    })();
    // close() waits for this whole start, including the termination of a worker that started too late.
    this.#starting.add(starting);
    void starting.finally(() => this.#starting.delete(starting)).catch(() => undefined);
    return starting;
  }

  async #discard(worker: W): Promise<void> {
    this.#workers.delete(worker);
    await worker.terminate();
  }

  #closedError(): ProviderError {
    const name = `${this.#engine.charAt(0).toUpperCase()}${this.#engine.slice(1)}Pool`;
    return new ProviderError(
      `The ${this.#engine} pool is closed; create a new provider (or ${name}) to recognise more images.`,
      { provider: this.#engine },
    );
  }
}
