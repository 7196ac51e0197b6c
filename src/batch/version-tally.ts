/**
 * A batch version's tally as its items finish (progress, usage, errors) and the figures it records when it ends:
 * one for the local batch and the queue's coordinator, which count the same outcomes.
 *
 * @module
 */
import type { ItemError, RunVersion } from '../runs/index.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';
import { type BatchProgress, startingProgress } from './progress.js';
import type { BatchItemResult, BatchSummary } from './run-batch.js';

/** What a batch version has done so far: its progress, the usage of its items, and its failed items' errors. */
export class VersionTally {
  /** The errors of the items that failed, in the order they failed. */
  readonly errors: ItemError[] = [];
  readonly #startedAt = performance.now();
  #usage = EMPTY_USAGE;
  #progress: BatchProgress;

  /** `onProgress` hears the progress after each item counted. */
  constructor(
    total: number,
    private readonly onProgress: ((progress: BatchProgress) => void) | undefined,
  ) {
    this.#progress = startingProgress(total);
  }

  get progress(): BatchProgress {
    return this.#progress;
  }

  /** Counts an item's outcome. */
  record(result: BatchItemResult): void {
    this.#usage = addUsage(this.#usage, result.usage);
    if (result.error) this.errors.push(result.error);
    this.#progress = progressAfter(this.#progress, result, this.#usage, performance.now() - this.#startedAt);
    this.onProgress?.(this.#progress);
  }

  /** Collates `version` and records how it ended, with its figures from the last progress. */
  async finish(version: RunVersion, state: BatchSummary['state']): Promise<void> {
    await version.collate();
    const progress = this.#progress;
    await version.updateMetadata({
      state,
      durationSeconds: Math.round((performance.now() - this.#startedAt) / 100) / 10,
      stats: {
        items: progress.total,
        succeeded: progress.done,
        incomplete: progress.incomplete,
        failed: progress.failed,
        skipped: progress.skipped,
        pages: progress.pages,
        inputTokens: progress.inputTokens,
        outputTokens: progress.outputTokens,
        costUsd: progress.costUsd,
      },
    });
  }
}

/** The progress once `result` is counted; `usage` is the run's so far, `elapsedMs` its time so far. */
function progressAfter(
  progress: BatchProgress,
  result: BatchItemResult,
  usage: Usage,
  elapsedMs: number,
): BatchProgress {
  const counts = (yes: boolean) => (yes ? 1 : 0);
  return {
    ...progress,
    done:
      progress.done +
      counts(result.status === 'succeeded' || (result.resumed === true && result.status === 'skipped')),
    resumed: progress.resumed + counts(result.resumed === true),
    incomplete: progress.incomplete + counts(result.status === 'incomplete'),
    failed: progress.failed + counts(result.status === 'failed'),
    interrupted: progress.interrupted + counts(result.status === 'interrupted'),
    skipped: progress.skipped + counts(result.status === 'skipped' && !result.resumed),
    cachedStages: progress.cachedStages + result.cachedStages,
    pages: progress.pages + result.pages,
    inputTokens: usage.inputTokens,
    outputTokens: usage.outputTokens,
    costUsd: usage.costUsd,
    elapsedMs,
  };
}
