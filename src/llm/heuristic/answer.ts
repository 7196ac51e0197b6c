/**
 * The heuristic extractor's answer: the values found, laid out in the schema's shape, with `null` or nothing
 * for what was not found, a confidence per value, and the fields it had to leave empty.
 *
 * @module
 */
import { toJsonPointer } from '../../schema/json-pointer.js';
import type { FoundValue } from './scalar-finder.js';
import type { ArrayField, ScalarField, SchemaField } from './schema-fields.js';
import type { ItemValues } from './table-rows.js';

/** The answer in the schema's shape, with what the extractor knows about it. */
export interface AssembledAnswer {
  readonly json: unknown;
  /** How sure the extractor is of each value it filled, 0..1, by JSON Pointer. */
  readonly confidence: Record<string, number>;
  /** JSON Pointers of the fields it found no value for, optional ones too: `null` when they may be, else left out. */
  readonly missing: readonly string[];
  /** Of {@link missing}, the required ones left out because they may not be `null`: the answer breaks the schema there. */
  readonly omitted: readonly string[];
  /** The values chosen among close competitors, by JSON Pointer, with the values they were chosen over. */
  readonly ambiguous: readonly AmbiguousValue[];
}

/** A value chosen among others found almost as surely. */
export interface AmbiguousValue {
  readonly pointer: string;
  readonly value: unknown;
  readonly alternatives: readonly unknown[];
}

/** A value laid out, or `ABSENT` when its property is left out. */
const ABSENT = Symbol('absent');

/**
 * Lays the values found out in the shape of `root`. A field not found is `null` when the schema allows it,
 * left out when it is optional, and left out (reported in `omitted`) when it is required and may not be null:
 * never invented; each is reported in `missing`. An object none of whose fields were found is `null` or left out the same way, unless it
 * is required and may not be null. An array not read from a table is `[]` when required, else left out.
 *
 * @example
 * ```ts
 * assembleAnswer(root, new Map([[totalField, { value: 93.5, confidence: 0.9 }]]), new Map());
 * // { json: { total: 93.5, due_date: null }, confidence: { '/total': 0.9 }, missing: ['/due_date'], omitted: [], ambiguous: [] }
 * ```
 */
export function assembleAnswer(
  root: SchemaField,
  scalars: ReadonlyMap<ScalarField, FoundValue>,
  tables: ReadonlyMap<ArrayField, readonly ItemValues[]>,
): AssembledAnswer {
  const confidence: Record<string, number> = {};
  const missing: string[] = [];
  const omitted: string[] = [];
  const ambiguous: AmbiguousValue[] = [];

  const notFound = (field: SchemaField, path: readonly PropertyKey[]): unknown => {
    const pointer = toJsonPointer(path);
    missing.push(pointer);
    if (field.nullable) return null;
    if (field.required) omitted.push(pointer);
    return ABSENT;
  };

  const lay = (
    field: SchemaField,
    path: readonly PropertyKey[],
    found: ReadonlyMap<ScalarField, FoundValue>,
  ): unknown => {
    switch (field.kind) {
      case 'scalar': {
        const value = found.get(field);
        if (value === undefined) return notFound(field, path);
        const pointer = toJsonPointer(path);
        // Three decimals: more would claim a precision the rules do not have.
        confidence[pointer] = Math.round(value.confidence * 1000) / 1000;
        if (value.alternatives !== undefined) {
          ambiguous.push({ pointer, value: value.value, alternatives: value.alternatives });
        }
        return value.value;
      }
      case 'array': {
        const items = tables.get(field);
        if (items === undefined || field.items === undefined) return field.required ? [] : ABSENT;
        const itemField = field.items;
        return items.map((item, index) => {
          const value = lay(itemField, [...path, index], item);
          return value === ABSENT ? null : value;
        });
      }
      case 'object': {
        const object: Record<string, unknown> = {};
        let foundAny = false;
        const before = { missing: missing.length, omitted: omitted.length, ambiguous: ambiguous.length };
        for (const property of field.properties) {
          const value = lay(property, [...path, property.name], found);
          if (value === ABSENT) continue;
          object[property.name] = value;
          foundAny ||= value !== null && !(Array.isArray(value) && value.length === 0);
        }
        if (foundAny || path.length === 0 || (field.required && !field.nullable)) return object;
        // Nothing of it was found: the object as a whole is missing, not each of its fields.
        missing.length = before.missing;
        omitted.length = before.omitted;
        ambiguous.length = before.ambiguous;
        return notFound(field, path);
      }
    }
  };

  const json = lay(root, [], scalars);
  return { json: json === ABSENT ? null : json, confidence, missing, omitted, ambiguous };
}
