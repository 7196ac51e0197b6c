/**
 * A batch version's progress as its items finish, and the figures it records when it ends: shared by the local
 * batch and the queue's coordinator, which count the same outcomes.
 *
 * @module
 */
import type { RunVersion } from '../runs/index.js';
import type { Usage } from '../spec/usage.js';
import type { BatchProgress } from './progress.js';
import type { BatchItemResult, BatchSummary } from './run-batch.js';

/** The progress once `result` is counted; `usage` is the run's so far, `elapsedMs` its time so far. */
export function progressAfter(
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

/** Collates the version and records how it ended, with its figures from the last progress. */
export async function finishVersion(
  version: RunVersion,
  state: BatchSummary['state'],
  progress: BatchProgress,
  elapsedMs: number,
): Promise<void> {
  await version.collate();
  await version.updateMetadata({
    state,
    durationSeconds: Math.round(elapsedMs / 100) / 10,
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
