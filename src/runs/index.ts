/**
 * Versioned, resumable batch runs on disk: {@link RunStore} and {@link RunVersion}.
 *
 * @module
 */
export type { CollatedResult } from './collate.js';
export { type ChangedItem, diffJson, type FieldDifference, type RunComparison } from './compare.js';
export type { ItemFiles } from './item-files.js';
export { sanitizeItemId } from './item-id.js';
export { DEFAULT_RUNS_DIR } from './paths.js';
export { type NewVersionInit, RunStore, type RunSummary } from './run-store.js';
export { RunVersion } from './run-version.js';
export type { RunStatus } from './status.js';
export type {
  ItemAttempt,
  ItemAttempts,
  ItemError,
  ItemIncompleteness,
  ItemInput,
  ItemMetrics,
  ItemResult,
  ItemState,
  RunLabel,
  RunMetadata,
  RunMode,
  RunState,
  RunStats,
} from './types.js';
