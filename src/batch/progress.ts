/**
 * Showing a batch's progress: a bar on a terminal, plain lines in logs, and the final summary.
 *
 * @module
 */
import { ProgressBarDisplay } from './progress-bar.js';
import { countOf, documentsOf, duration, etaOf, outcomesOf, usageOf, workOf } from './progress-figures.js';

/** How far a batch has got; every figure counts from the start of the run. */
export interface BatchProgress {
  /** Items in the batch. */
  readonly total: number;
  /** Items that succeeded, in this run or, when it resumed, in an earlier attempt. */
  readonly done: number;
  /**
   * Items of `done` that succeeded in an earlier attempt of a resumed run: they take no time now, so they
   * don't count toward the rate behind the ETA.
   */
  readonly resumed: number;
  /** Items finished with data that lacks required values (`null` there): stored, and not failed. */
  readonly incomplete: number;
  /** Items that failed. */
  readonly failed: number;
  /** Items aborted while they ran (Ctrl-C, the batch's signal): not failed, and run again by a resume. */
  readonly interrupted: number;
  /** Items left out, which take no time (they don't count toward the rate behind the ETA). */
  readonly skipped: number;
  /** Stage results served from the cache so far. */
  readonly cachedStages: number;
  readonly pages: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly costUsd: number;
  /** Time since the batch started. */
  readonly elapsedMs: number;
}

/** The progress of a batch of `total` items that has not started. */
export function startingProgress(total: number): BatchProgress {
  return {
    total,
    done: 0,
    resumed: 0,
    incomplete: 0,
    failed: 0,
    interrupted: 0,
    skipped: 0,
    cachedStages: 0,
    pages: 0,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    elapsedMs: 0,
  };
}

/** Shows a batch's progress as it changes, then its summary. */
export interface ProgressDisplay {
  /**
   * Shows the figures before any item has finished (`startingProgress`), so the display does not stay
   * blank until the first one does. Plain lines don't count it toward their interval: the first update
   * after it is written at once.
   */
  start(progress: BatchProgress): void;
  /** Shows the latest figures (throttled: calling it for every change is fine). */
  update(progress: BatchProgress): void;
  /** Ends the display and writes the final summary; call it even when the batch fails. */
  finish(progress: BatchProgress): void;
  /** Ends the display without a summary, as when the batch failed before it began. */
  close(): void;
}

/** Where progress is written: a terminal (`isTTY`) gets a bar, anything else plain lines. */
export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

/** Options of {@link createProgressDisplay}. */
export interface ProgressDisplayOptions {
  /** Least time between two plain lines, in ms. @default 2000 */
  readonly intervalMs?: number;
  /** The clock that spaces plain lines, in ms. @default performance.now */
  readonly now?: () => number;
  /**
   * Items known before the start to be left out (`only`/`skip`): they count neither in the documents
   * to do nor in the percentage, though the outcomes still count them as skipped. @default 0
   */
  readonly leftOut?: number;
}

const DEFAULT_INTERVAL_MS = 2000;

/**
 * A progress display on `stream`: when `stream.isTTY`, a bar (cli-progress) with documents
 * done/failed/total, pages, tokens, cost in USD and ETA, redrawn in place; otherwise plain lines
 * with the same figures, at most one every `intervalMs` plus the one that completes the batch.
 * `finish` writes the summary ({@link formatBatchSummary}) in both modes. While the bar is drawn,
 * nothing else should write to `stream`: the bar redraws its line in place.
 *
 * @example
 * ```ts
 * const display = createProgressDisplay(process.stderr);
 * let latest: BatchProgress | undefined;
 * try {
 *   await runBatch(pipeline, inputs, {
 *     onProgress: (progress) => {
 *       latest = progress;
 *       display.update(progress);
 *     },
 *   });
 * } finally {
 *   if (latest) display.finish(latest);
 * }
 * ```
 */
export function createProgressDisplay(
  stream: ProgressStream,
  options: ProgressDisplayOptions = {},
): ProgressDisplay {
  const leftOut = options.leftOut ?? 0;
  if (stream.isTTY) return new ProgressBarDisplay(stream, formatBatchSummary, leftOut);
  return new ProgressLines(
    stream,
    options.intervalMs ?? DEFAULT_INTERVAL_MS,
    options.now ?? (() => performance.now()),
    leftOut,
  );
}

/**
 * The summary of a batch in one line, as `finish` writes it and the CLI's `--json` mode reports it.
 *
 * @example
 * ```ts
 * formatBatchSummary(progress);
 * // '50 documents: 47 succeeded, 3 failed, 0 skipped · 96 pages · 120,000 in / 8,000 out tokens · $0.5400 · 12.3 s'
 * ```
 */
export function formatBatchSummary(progress: BatchProgress): string {
  return `${countOf(progress.total, 'document')}: ${outcomesOf(progress)} · ${usageOf(progress)} · ${duration(progress.elapsedMs)}`;
}

/** Plain progress lines for logs and pipes, where a redrawn bar would be noise. */
class ProgressLines implements ProgressDisplay {
  readonly #stream: ProgressStream;
  readonly #intervalMs: number;
  readonly #now: () => number;
  readonly #leftOut: number;
  #lastLineAt = Number.NEGATIVE_INFINITY;
  // Items finished as of the last line: a line that would say nothing new (a left-out item reached) is not written.
  #lastProcessed = -1;

  constructor(stream: ProgressStream, intervalMs: number, now: () => number, leftOut: number) {
    this.#stream = stream;
    this.#intervalMs = intervalMs;
    this.#now = now;
    this.#leftOut = leftOut;
  }

  start(progress: BatchProgress): void {
    this.#write(progress);
  }

  update(progress: BatchProgress): void {
    const now = this.#now();
    const work = workOf(progress, this.#leftOut);
    const complete = work.processed >= work.total;
    if (!complete && (now - this.#lastLineAt < this.#intervalMs || work.processed === this.#lastProcessed))
      return;
    this.#lastLineAt = now;
    this.#write(progress);
  }

  #write(progress: BatchProgress): void {
    this.#lastProcessed = workOf(progress, this.#leftOut).processed;
    // One write per line, so lines from other writers to the stream never split one.
    this.#stream.write(
      `docpipe: ${documentsOf(progress, this.#leftOut)} · ${outcomesOf(progress)} · ${usageOf(progress)} · ${duration(progress.elapsedMs)} · ${etaOf(progress, this.#leftOut)}\n`,
    );
  }

  finish(progress: BatchProgress): void {
    this.#stream.write(`${formatBatchSummary(progress)}\n`);
  }

  close(): void {}
}
