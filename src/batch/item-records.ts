/**
 * What a batch records of each item: its metrics, and its failure as `errors.json` lists it.
 *
 * @module
 */

import type { StageTiming } from '../pipeline/result.js';
import type { ItemError, ItemMetrics } from '../runs/index.js';
import { DocpipeError, messageOf, type PartialAnswer, StageError, ValidationError } from '../spec/errors.js';
import { addUsage, EMPTY_USAGE, type Usage } from '../spec/usage.js';

/** An item's `metrics.json`: what it used, how long it took, and each stage's timing. */
export function itemMetrics(
  usage: Usage,
  durationMs: number,
  stages: Readonly<Record<string, StageTiming>> = {},
): ItemMetrics {
  const { pages, inputTokens, outputTokens, cacheReadTokens, costUsd } = usage;
  return { pages, inputTokens, outputTokens, cacheReadTokens, costUsd, durationMs, stages: { ...stages } };
}

/** The usage an item's stored metrics record. */
export function metricsUsage(metrics: ItemMetrics | undefined): Usage {
  if (!metrics) return EMPTY_USAGE;
  const { pages, inputTokens, outputTokens, cacheReadTokens, costUsd } = metrics;
  return addUsage(EMPTY_USAGE, { pages, inputTokens, outputTokens, cacheReadTokens, costUsd });
}

/**
 * What a pipeline that does not accept incomplete answers threw for one: the stage's `ValidationError` holding
 * what was found. A batch stores it as an incomplete result rather than a failure, so nothing found is lost.
 */
export function incompleteAnswerOf(error: unknown): { partial: PartialAnswer; message: string } | undefined {
  const cause = error instanceof StageError ? error.cause : undefined;
  if (!ValidationError.isInstance(cause) || cause.partial === undefined) return undefined;
  return { partial: cause.partial, message: cause.message };
}

/** An item's failure as `errors.json` lists it: the stage that failed, a stable code, the message. */
export function toItemError(item: string, error: unknown): ItemError {
  const stage = error instanceof StageError ? error : undefined;
  const cause = stage?.cause ?? error;
  return {
    item,
    ...(stage ? { stage: stage.stageId } : {}),
    code: DocpipeError.isInstance(cause) ? cause.code : 'unexpected',
    message: messageOf(cause),
  };
}
