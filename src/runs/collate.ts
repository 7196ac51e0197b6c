/**
 * Collation: a version's results gathered into `collated/results.json` in item order (a rerun's with
 * its base's), and its failures into `errors.json`.
 *
 * @module
 */
import { readJsonIfValid, writeJsonAtomic } from '../util/atomic-file.js';
import { VersionPaths } from './paths.js';
import type { RunVersion } from './run-version.js';
import type { ItemError, ItemResult } from './types.js';

/** One entry of `collated/results.json`. */
export interface CollatedResult {
  /** The item id. */
  id: string;
  /** The item's output id (`outputIdField`), when it was given one. */
  outputId?: string | number;
  /** The `data` of the item's `result.json`. */
  data: unknown;
  /** Marks data that lacks required values (`null` there): their JSON Pointers, from `incomplete.json`. */
  incomplete?: string[];
}

/** Writes the version's `collated/results.json` and `errors.json`; see {@link RunVersion.collate}. */
export async function collateVersion(version: RunVersion): Promise<{ results: number; errors: number }> {
  const results = await gatherResults(version);
  const errors = await gatherErrors(version);
  const paths = new VersionPaths(version.directory);
  await writeJsonAtomic(paths.collatedResults, results);
  await writeJsonAtomic(paths.errors, errors);
  return { results: results.length, errors: errors.length };
}

/**
 * The version's collated results: its `collated/results.json`, or, when it has not been collated
 * (a batch still running or killed), the same gathered from its items' files.
 */
export async function readCollatedResults(version: RunVersion): Promise<CollatedResult[]> {
  const collated = await readJsonIfValid(new VersionPaths(version.directory).collatedResults);
  return Array.isArray(collated) ? (collated as CollatedResult[]) : gatherResults(version);
}

async function gatherResults(version: RunVersion): Promise<CollatedResult[]> {
  const ownItems = new Set((await version.metadata()).itemIds);
  const base = await version.openBase();
  const baseResults = new Map(
    base ? (await readCollatedResults(base)).map((entry) => [entry.id, entry]) : [],
  );
  const results: CollatedResult[] = [];
  for (const id of await collationOrder(version)) {
    const entry = ownItems.has(id) ? await ownResult(version, id) : baseResults.get(id);
    if (entry !== undefined) results.push(entry);
  }
  return results;
}

/**
 * Every item id of the run as far as `version`: the base's items in the base's order, then this version's new
 * ones. Taken from the metadata rather than the base's results, so an item the base failed and a rerun fixed
 * keeps its place.
 */
export async function collationOrder(version: RunVersion): Promise<string[]> {
  const { itemIds } = await version.metadata();
  const base = await version.openBase();
  if (base === undefined) return itemIds;
  const order = await collationOrder(base);
  const known = new Set(order);
  return [...order, ...itemIds.filter((id) => !known.has(id))];
}

async function ownResult(version: RunVersion, id: string): Promise<CollatedResult | undefined> {
  const result = await version.readResult(id);
  if (result === undefined) return undefined;
  // `undefined` data (a pipeline without extraction) is not in the file, as JSON has no undefined.
  const data = (result as Partial<ItemResult> | null)?.data ?? null;
  const outputId = (await version.readInput(id))?.outputId;
  const missing = (await version.readIncomplete(id))?.missing;
  return {
    id,
    ...(outputId === undefined ? {} : { outputId }),
    data,
    ...(missing === undefined ? {} : { incomplete: missing }),
  };
}

async function gatherErrors(version: RunVersion): Promise<ItemError[]> {
  const errors: ItemError[] = [];
  for (const id of (await version.metadata()).itemIds) {
    if ((await version.itemState(id)) !== 'failed') continue;
    const error = await version.readError(id);
    if (error !== undefined) errors.push(error);
  }
  return errors;
}
