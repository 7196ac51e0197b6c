/**
 * The figures of a batch's progress as text: counts, tokens, dollars, durations and the ETA,
 * the same in the bar, the plain lines and the summary.
 *
 * @module
 */
import type { BatchProgress } from './progress.js';

// Fixed to en-US so logs read the same on every machine.
const COUNT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const USD = new Intl.NumberFormat('en-US', { minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** `1,234 pages`, `1 page`. */
export function countOf(count: number, noun: string): string {
  return `${COUNT.format(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** `120,000 in / 8,000 out tokens`. */
export function tokensOf(progress: BatchProgress): string {
  return `${COUNT.format(progress.inputTokens)} in / ${COUNT.format(progress.outputTokens)} out tokens`;
}

/** `$0.5400`: four decimals, as one document's LLM call may cost a fraction of a cent. */
export function dollars(costUsd: number): string {
  return `$${USD.format(costUsd)}`;
}

/** `12.3 s`, `4 min 05 s`, `2 h 07 min`. */
export function duration(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  // Below 59.95 s, one decimal cannot round up to a misleading "60.0 s".
  if (seconds < 59.95) return `${seconds.toFixed(1)} s`;
  const wholeSeconds = Math.round(seconds);
  const minutes = Math.floor(wholeSeconds / 60);
  if (minutes < 60) return `${minutes} min ${String(wholeSeconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Items finished one way or another. */
export function processedOf(progress: BatchProgress): number {
  return progress.done + progress.incomplete + progress.failed + progress.skipped;
}

/**
 * Of the items a batch works on, how many there are and how many have finished: all of them, less
 * `leftOut`, the items known before the start to be left out (`only`/`skip`), which the batch counts
 * as skipped as it reaches them. With `leftOut` 0, every item.
 */
export function workOf(progress: BatchProgress, leftOut = 0): { total: number; processed: number } {
  return {
    total: Math.max(0, progress.total - leftOut),
    processed: processedOf(progress) - Math.min(leftOut, progress.skipped),
  };
}

/**
 * The time left, from the rate at which items have finished so far; `undefined` until one has.
 * Skipped and resumed items are left out of the rate: they finish instantly and would make it look fast.
 * `leftOut` as in {@link workOf}.
 */
export function remainingMs(progress: BatchProgress, leftOut = 0): number | undefined {
  const work = workOf(progress, leftOut);
  const remaining = Math.max(0, work.total - work.processed);
  if (remaining === 0) return 0;
  const worked = progress.done - progress.resumed + progress.failed;
  if (worked === 0 || progress.elapsedMs <= 0) return undefined;
  return (remaining * progress.elapsedMs) / worked;
}

/** `ETA 1 min 05 s`, or `ETA …` before any item has finished. */
export function etaOf(progress: BatchProgress, leftOut = 0): string {
  const ms = remainingMs(progress, leftOut);
  return `ETA ${ms === undefined ? '…' : duration(ms)}`;
}

/** `96 pages`. */
export function pagesOf(progress: BatchProgress): string {
  return countOf(progress.pages, 'page');
}

/** `12 stages from cache`. */
export function cachedOf(progress: BatchProgress): string {
  return `${countOf(progress.cachedStages, 'stage')} from cache`;
}

/** `96 pages · 120,000 in / 8,000 out tokens · $0.5400`, plus cached stages when there are any. */
export function usageOf(progress: BatchProgress): string {
  const parts = [pagesOf(progress), tokensOf(progress), dollars(progress.costUsd)];
  if (progress.cachedStages > 0) parts.push(cachedOf(progress));
  return parts.join(' · ');
}

/**
 * `47 succeeded, 3 failed, 0 skipped`, then `, 2 incomplete` when some data lacks required values and
 * `, 2 interrupted` when the batch was stopped with items running.
 */
export function outcomesOf(progress: BatchProgress): string {
  const { done, failed, skipped, incomplete, interrupted } = progress;
  const outcomes = `${COUNT.format(done)} succeeded, ${COUNT.format(failed)} failed, ${COUNT.format(skipped)} skipped`;
  // Only some batches have these: every other line keeps its familiar shape.
  const rare = [
    incomplete > 0 ? `${COUNT.format(incomplete)} incomplete` : '',
    interrupted > 0 ? `${COUNT.format(interrupted)} interrupted` : '',
  ].filter(Boolean);
  return [outcomes, ...rare].join(', ');
}

/** `12/50 documents`: items finished one way or another, of all but `leftOut` (see {@link workOf}). */
export function documentsOf(progress: BatchProgress, leftOut = 0): string {
  const work = workOf(progress, leftOut);
  return `${COUNT.format(work.processed)}/${countOf(work.total, 'document')}`;
}
