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
