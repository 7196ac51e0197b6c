/**
 * The status tracker: where each item of a version stands, read from its files, so it is true for a
 * batch that is running, finished or was killed.
 *
 * @module
 */
import type { RunVersion } from './run-version.js';
import type { ItemState, RunState } from './types.js';

/** Where a version's items stand. */
export interface RunStatus {
  runName: string;
  version: string;
  state: RunState;
  /** Items in the version. */
  items: number;
  done: number;
  /** Items finished with a result that lacks required values. */
  incomplete: number;
  failed: number;
  partial: number;
  pending: number;
  /** Stage id → how many items have that stage's output stored. */
  stages: Record<string, number>;
  /** The items not finished (partial and pending), in item order: what a resume would process. */
  remaining: string[];
  /** The failed items, in item order. */
  failedItems: string[];
  /** The incomplete items, in item order: what `runs rerun --incomplete` redoes. */
  incompleteItems: string[];
  /** For a version run on a queue (`docpipe batch --queue`): where its items stand there. */
  queue?: RunQueueStatus;
}

/** A queued version's items by where they stand in the queue (jobs in Redis, and the items already collected). */
export interface RunQueueStatus {
  /** The Redis URL without its password, and the queue's name. */
  url: string;
  queueName: string;
  /** Whether Redis answered: without it, only the collected items are counted (as done or failed). */
  reachable: boolean;
  /** Why Redis did not answer. */
  problem?: string;
  /** Jobs waiting for a worker (or for their retry). */
  queued: number;
  /** Jobs a worker is running. */
  active: number;
  /** Items finished with a result, collected into the run or waiting in Redis to be. */
  done: number;
  /** Items failed, collected or waiting in Redis to be. */
  failed: number;
  /** Items neither in the queue nor finished: left out, or not enqueued before the coordinator stopped. */
  notQueued: number;
}

/**
 * Counts the version's items by state and by stored stage output.
 *
 * @example
 * ```ts
 * const status = await versionStatus(version);
 * console.log(`${status.done}/${status.items} done, ${status.remaining.length} to go`);
 * ```
 */
export async function versionStatus(version: RunVersion): Promise<RunStatus> {
  const metadata = await version.metadata();
  const counts: Record<ItemState, number> = { done: 0, incomplete: 0, failed: 0, partial: 0, pending: 0 };
  const stages: Record<string, number> = {};
  const remaining: string[] = [];
  const failedItems: string[] = [];
  const incompleteItems: string[] = [];
  for (const id of metadata.itemIds) {
    const { state, stageIds } = await version.itemFiles(id);
    counts[state] += 1;
    for (const stageId of stageIds) stages[stageId] = (stages[stageId] ?? 0) + 1;
    if (state === 'failed') failedItems.push(id);
    else if (state === 'incomplete') incompleteItems.push(id);
    else if (state !== 'done') remaining.push(id);
  }
  return {
    runName: version.runName,
    version: version.version,
    state: metadata.state,
    items: metadata.itemIds.length,
    ...counts,
    stages,
    remaining,
    failedItems,
    incompleteItems,
  };
}
