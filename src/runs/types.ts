/**
 * The records a run keeps on disk: a version's `metadata.json`, and an item's input, error and
 * metrics files.
 *
 * @module
 */

/**
 * How far a version is trusted. The built-in labels go from `draft` to `final` (and `deprecated`);
 * any other string is allowed for a team's own scheme. `docpipe runs list` shows `beta`, `rc` and
 * `final` versions unless told otherwise.
 */
export type RunLabel = 'draft' | 'alpha' | 'beta' | 'rc' | 'final' | 'deprecated' | (string & {});

/** How a version came to be: a fresh batch, a rerun of some items of a base version, or a resumed batch. */
export type RunMode = 'initial' | 'rerun' | 'resume';

/**
 * Where a version stands. A version whose metadata still says `running` but whose batch process is
 * gone (killed, crashed) is reported as `interrupted` when read.
 */
export type RunState = 'running' | 'completed' | 'failed' | 'interrupted';

/** A version's totals, kept up to date by the batch that writes it. */
export interface RunStats {
  /** Items in the version. */
  items: number;
  succeeded: number;
  /** Items whose data lacks required values: stored with `null` there, and marked in the collated results. */
  incomplete?: number;
  failed: number;
  /** Items not processed (`skip`, `only`, or already done when resuming). */
  skipped: number;
  pages: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** A version's `metadata.json`: what it is, how it went, and enough configuration to run it again. */
export interface RunMetadata {
  /** `v0`, `v1`, … */
  version: string;
  runName: string;
  /** ISO 8601 time the version was created. */
  createdAt: string;
  mode: RunMode;
  /** The version a rerun builds on; its results fill in the items this version does not hold. */
  baseVersion?: string;
  /** @default 'draft' */
  label: RunLabel;
  notes?: string;
  state: RunState;
  durationSeconds: number;
  stats: RunStats;
  /** The batch's pipeline configuration without secrets, as JSON: enough to run it again. */
  config: unknown;
  /** The ids of this version's items, in order. */
  itemIds: string[];
}

/** An item's `input.json`: what the batch was given for it. */
export interface ItemInput {
  id: string;
  source: { kind: 'file'; path: string } | { kind: 'text'; text: string };
  /** Template variables of the item (the fields of a JSON-array item). */
  variables?: Record<string, unknown>;
  /** The id given to the item's output in `collated/results.json` (`outputIdField`). */
  outputId?: string | number;
}

/**
 * An item's `result.json`: its extracted `data` (what `collated/results.json` lists and
 * `compare` diffs), with whatever else the batch keeps beside it (`fields`, `usage`, `warnings`…).
 */
export interface ItemResult {
  data: unknown;
  [detail: string]: unknown;
}

/** An item's `error.json`, and one entry of `errors.json`. */
export interface ItemError {
  /** The item id. */
  item: string;
  /** The stage that failed, when one did. */
  stage?: string;
  /**
   * The error's code: a `DocpipeErrorCode`, `process-crashed` for an item the batch gave up on
   * because its work killed the process again and again, or another stable code.
   */
  code: string;
  message: string;
  /** How many times the failing step was tried. */
  attempts?: number;
}

/** An item's `metrics.json`: what processing it cost. */
export interface ItemMetrics {
  pages: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  costUsd: number;
  durationMs: number;
  /** Per stage id. */
  stages: Record<string, { durationMs: number; cached: boolean; attempts: number }>;
}

/** One start of an item's work, as its `attempts.json` lists it. */
export interface ItemAttempt {
  /** ISO 8601 time the work started; written before the item's first stage ran. */
  startedAt: string;
  /** The batch process that ran it. */
  pid: number;
  /** Whether no other item ran in that process meanwhile, so that its death could only be this item's doing. */
  alone: boolean;
  /** ISO 8601 time the work ended in the process; missing when the process died during it. */
  endedAt?: string;
  /** How the work ended: `interrupted` is an abort (Ctrl-C), handled in the process, not a crash. */
  outcome?: 'succeeded' | 'failed' | 'interrupted';
}

/** An item's `attempts.json`: every start of its work in the version, oldest first. */
export interface ItemAttempts {
  attempts: ItemAttempt[];
}

/**
 * Where an item stands, read from its files: `done` (it has a result), `incomplete` (a result lacking
 * required values), `failed` (an error), `partial` (some stages finished), `pending` (nothing yet).
 */
export type ItemState = 'done' | 'incomplete' | 'failed' | 'partial' | 'pending';

/** An item's `incomplete.json`: the required values its result lacks (`null` in its data), and why. */
export interface ItemIncompleteness {
  /** JSON Pointers of the values missing or invalid, e.g. `['/total']`. */
  missing: string[];
  /** What is wrong and how to help the extractor. */
  message: string;
}
