/**
 * The leaf values of extracted data, each with its JSON Pointer and what the grounding heuristics need to
 * know about where it sits.
 *
 * @module
 */
import { toJsonPointer } from '../../schema/json-pointer.js';

/** A value grounding looks for on the page. `Date` and `bigint` come from schemas that coerce (`z.coerce.date()`). */
export type LeafValue = string | number | boolean | bigint | Date;

/** One leaf of the data. */
export interface Leaf {
  /** RFC 6901 JSON Pointer to the value, `''` when the data is itself a leaf. */
  readonly path: string;
  readonly value: LeafValue;
  /** The nearest property name above the value (`amount` for `/items/0/amount`, `tags` for `/tags/2`), whose words labels are compared with. */
  readonly name: string;
  /**
   * The pointer of the array item the value belongs to, when it is a property of an object in an array
   * (`/items/0` for `/items/0/amount`): such objects are usually table rows, so their values stand side by side.
   */
  readonly row?: string;
}

/**
 * Every string, number, boolean (and `Date`, `bigint`) in `data`, depth first in property order. `null` and
 * `undefined` are not leaves: they say there is no value, so there is nothing to find on the page.
 *
 * @example
 * ```ts
 * collectLeaves({ id: 'A1', items: [{ amount: 5 }], note: null }).map((leaf) => leaf.path);
 * // ['/id', '/items/0/amount']
 * ```
 */
export function collectLeaves(data: unknown): Leaf[] {
  const leaves: Leaf[] = [];
  const visit = (value: unknown, keys: PropertyKey[], name: string, row: string | undefined): void => {
    if (value === null || value === undefined) return;
    if (isLeafValue(value)) {
      leaves.push({ path: toJsonPointer(keys), value, name, ...(row === undefined ? {} : { row }) });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        const itemKeys = [...keys, index];
        visit(item, itemKeys, name, isPlainObject(item) ? toJsonPointer(itemKeys) : undefined);
      });
    } else if (isPlainObject(value)) {
      for (const [key, child] of Object.entries(value)) visit(child, [...keys, key], key, row);
    }
  };
  visit(data, [], '', undefined);
  return leaves;
}

function isLeafValue(value: unknown): value is LeafValue {
  const type = typeof value;
  return (
    type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint' || value instanceof Date
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
