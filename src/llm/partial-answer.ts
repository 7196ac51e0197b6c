/**
 * The best answer an extraction reached when it could not satisfy the schema: the answer kept as it is, with
 * each value the schema's issues point at set to `null`, so nothing found is lost and every gap is named.
 *
 * @module
 */

import { fromJsonPointer } from '../schema/json-pointer.js';
import { isPlainObject } from '../schema/values.js';
import type { PartialAnswer, ValidationIssue } from '../spec/errors.js';

/**
 * `raw` with every value an issue points at set to `null` (a missing required property added as `null`), and
 * the paths at fault. An answer that is not an object or array at all has nothing to keep: its data is `null`.
 *
 * @example
 * ```ts
 * partialAnswer({ id: 'A1' }, [{ path: '/total', message: "must have required property 'total'" }]);
 * // { data: { id: 'A1', total: null }, missing: ['/total'] }
 * ```
 */
export function partialAnswer(
  raw: unknown,
  issues: readonly ValidationIssue[],
): Omit<PartialAnswer, 'fields'> {
  const missing = [...new Set(issues.map((issue) => issue.path))];
  const data = Array.isArray(raw) || isPlainObject(raw) ? structuredClone(raw) : null;
  if (data !== null) for (const path of missing) setNull(data, fromJsonPointer(path));
  return { data, missing };
}

/** Sets the value at `keys` to null when its parent exists; the root itself is left (it is the answer). */
function setNull(data: object, keys: readonly string[]): void {
  const last = keys.at(-1);
  if (last === undefined) return;
  let parent: unknown = data;
  for (const key of keys.slice(0, -1)) {
    parent = (parent as Record<string, unknown> | null)?.[key];
    if (typeof parent !== 'object' || parent === null) return;
  }
  (parent as Record<string, unknown>)[last] = null;
}
