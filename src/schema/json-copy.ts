/**
 * Copies a schema into frozen plain JSON, the form sent to providers and hashed into cache keys.
 *
 * @module
 */

import { ConfigError } from '../spec/errors.js';
import { toJsonPointer } from './json-pointer.js';
import type { JSONSchema } from './json-schema.js';
import { describeValue, isPlainObject } from './values.js';

/**
 * A deep, frozen copy of a JSON Schema object holding only JSON values. Properties whose value is
 * `undefined` are dropped, as `JSON.stringify` would: converters emit them for unset options.
 *
 * @throws {ConfigError} when the schema holds something JSON cannot (a function, a RegExp, a Date,
 * `NaN`, …) or contains itself, since providers would then receive something else than was validated.
 */
export function frozenJsonCopy(schema: object): JSONSchema {
  return copyValue(schema, [], new Set()) as JSONSchema;
}

function copyValue(value: unknown, path: readonly PropertyKey[], ancestors: Set<object>): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (!Array.isArray(value) && !isPlainObject(value)) {
    throw new ConfigError(
      `jsonSchema holds ${describeValue(value)} at ${where(path)}, which is not JSON; write it as a JSON value (a pattern as a string, a date as an ISO string, no functions).`,
      { option: 'jsonSchema' },
    );
  }
  if (ancestors.has(value)) {
    throw new ConfigError(
      `jsonSchema contains itself at ${where(path)}, so it cannot be sent as JSON; express recursion with a $ref instead (e.g. { $ref: '#' } for the root).`,
      { option: 'jsonSchema' },
    );
  }
  ancestors.add(value);
  // Object.fromEntries defines own data properties, so a `__proto__` key stays an ordinary key.
  const copy = Array.isArray(value)
    ? value.map((item, index) => copyValue(item, [...path, index], ancestors))
    : Object.fromEntries(
        Object.entries(value)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => [key, copyValue(item, [...path, key], ancestors)]),
      );
  ancestors.delete(value);
  return Object.freeze(copy);
}

function where(path: readonly PropertyKey[]): string {
  return path.length === 0 ? 'its root' : toJsonPointer(path);
}
