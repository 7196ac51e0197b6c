/**
 * Comparing two versions of a run item by item, and the data of a changed item field by field.
 *
 * @module
 */
import { toJsonPointer } from '../schema/json-pointer.js';
import { isPlainObject } from '../schema/values.js';
import { canonicalJson } from '../util/canonical-json.js';
import { readCollatedResults } from './collate.js';
import type { RunVersion } from './run-version.js';

/** One value that differs. A side where the value is absent holds `undefined` (left out of JSON). */
export interface FieldDifference {
  /** JSON Pointer to the value (`''` when the whole data differs), array items by index. */
  path: string;
  a: unknown;
  b: unknown;
}

/** An item whose data differs between the versions. */
export interface ChangedItem {
  item: string;
  fields: FieldDifference[];
}

/** How two versions of a run differ. */
export interface RunComparison {
  runName: string;
  versionA: string;
  versionB: string;
  /** Items with a result in A only, in A's order. */
  onlyInA: string[];
  /** Items with a result in B only, in B's order. */
  onlyInB: string[];
  /** Items whose data differs, in A's order. */
  changed: ChangedItem[];
  /** How many items have equal data in both. */
  unchanged: number;
  /**
   * The items one version ran again as a rerun building on the other (directly or through its bases), in its
   * order, whether their data changed or not; empty when neither builds on the other.
   */
  rerun: string[];
}

/**
 * Compares the collated results of two versions (a version not collated yet is read from its items'
 * files). Data is equal when it is the same JSON, whatever the order of object keys.
 *
 * @example
 * ```ts
 * const { changed } = await compareVersions(v0, v1);
 * // [{ item: 'doc-7', fields: [{ path: '/total', a: 12.5, b: 13 }] }]
 * ```
 */
export async function compareVersions(versionA: RunVersion, versionB: RunVersion): Promise<RunComparison> {
  const resultsA = await readCollatedResults(versionA);
  const resultsB = await readCollatedResults(versionB);
  const dataB = new Map(resultsB.map((entry) => [entry.id, entry.data]));
  const idsA = new Set(resultsA.map((entry) => entry.id));
  const comparison: RunComparison = {
    runName: versionA.runName,
    versionA: versionA.version,
    versionB: versionB.version,
    onlyInA: [],
    onlyInB: resultsB.filter((entry) => !idsA.has(entry.id)).map((entry) => entry.id),
    changed: [],
    unchanged: 0,
    rerun: (await rerunItemsOver(versionB, versionA)) ?? (await rerunItemsOver(versionA, versionB)) ?? [],
  };
  for (const { id, data } of resultsA) {
    if (!dataB.has(id)) comparison.onlyInA.push(id);
    else if (canonicalJson(data) === canonicalJson(dataB.get(id))) comparison.unchanged += 1;
    else comparison.changed.push({ item: id, fields: diffJson(data, dataB.get(id)) });
  }
  return comparison;
}

/** The items `rerun` ran itself, when it is a rerun whose bases lead to `base`; else `undefined`. */
async function rerunItemsOver(rerun: RunVersion, base: RunVersion): Promise<string[] | undefined> {
  for (let current = await rerun.openBase(); current; current = await current.openBase()) {
    if (current.version === base.version) return (await rerun.metadata()).itemIds;
  }
  return undefined;
}

/**
 * The values that differ between two JSON values: objects are compared key by key, arrays index
 * by index, anything else as a whole.
 *
 * @example
 * ```ts
 * diffJson({ total: 1, lines: [{ qty: 2 }] }, { total: 1, lines: [{ qty: 3 }, { qty: 1 }] });
 * // [{ path: '/lines/0/qty', a: 2, b: 3 }, { path: '/lines/1', a: undefined, b: { qty: 1 } }]
 * ```
 */
export function diffJson(a: unknown, b: unknown): FieldDifference[] {
  const differences: FieldDifference[] = [];
  collectDifferences(a, b, [], differences);
  return differences;
}

// Marks a value missing on one side, which `undefined` cannot: JSON has no undefined, but a missing
// property must not compare equal to a `null` one.
const ABSENT = Symbol('absent');

function collectDifferences(
  a: unknown,
  b: unknown,
  path: PropertyKey[],
  differences: FieldDifference[],
): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let index = 0; index < Math.max(a.length, b.length); index++) {
      const itemA = index < a.length ? a[index] : ABSENT;
      const itemB = index < b.length ? b[index] : ABSENT;
      collectDifferences(itemA, itemB, [...path, index], differences);
    }
  } else if (isPlainObject(a) && isPlainObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const valueA = Object.hasOwn(a, key) ? a[key] : ABSENT;
      const valueB = Object.hasOwn(b, key) ? b[key] : ABSENT;
      collectDifferences(valueA, valueB, [...path, key], differences);
    }
  } else if (a !== b) {
    differences.push({
      path: toJsonPointer(path),
      a: a === ABSENT ? undefined : a,
      b: b === ABSENT ? undefined : b,
    });
  }
}
