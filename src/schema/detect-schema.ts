/**
 * Tells zod 4, zod 3 and JSON Schema inputs apart, rejecting anything else with a clear error.
 *
 * @module
 */

import type { ZodTypeAny } from 'zod/v3';
import type { $ZodType } from 'zod/v4/core';
import { ConfigError } from '../spec/errors.js';
import type { JSONSchema } from './json-schema.js';
import { describeValue, isPlainObject } from './values.js';

/** A schema input together with the kind it was recognised as. */
export type DetectedSchema =
  | { readonly kind: 'zod4'; readonly schema: $ZodType }
  | { readonly kind: 'zod3'; readonly schema: ZodTypeAny }
  | { readonly kind: 'json-schema'; readonly schema: JSONSchema };

/**
 * Recognises what kind of schema `input` is.
 *
 * @throws {ConfigError} when `input` is not a schema, or is a schema of a library or version docpipe
 * cannot read.
 */
export function detectSchema(input: unknown): DetectedSchema {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw notASchema(input);
  // zod 4 must be tested first: its schemas also have `_def` and `safeParse`, and zod-to-json-schema
  // would silently turn them into `{}`, a schema that accepts anything.
  if ('_zod' in input) return { kind: 'zod4', schema: input as $ZodType };
  if (isZod3(input)) return { kind: 'zod3', schema: input };
  // Caught before the plain-object test: a copied zod schema is a plain object, and as a JSON
  // Schema its unknown keywords would be ignored, accepting anything.
  if ('~standard' in input || '_def' in input) throw unsupportedSchema(input);
  if (!isPlainObject(input)) throw notASchema(input);
  return { kind: 'json-schema', schema: input };
}

function isZod3(input: object): input is ZodTypeAny {
  const { _def: def, safeParse } = input as { _def?: { typeName?: unknown }; safeParse?: unknown };
  return typeof def?.typeName === 'string' && typeof safeParse === 'function';
}

function notASchema(input: unknown): ConfigError {
  const hint = typeof input === 'string' ? ' (if it is JSON text, JSON.parse it first)' : '';
  return new ConfigError(
    `jsonSchema must be a zod schema or a JSON Schema object, but got ${describeValue(input)}; pass e.g. z.object({ total: z.number() }) or { type: 'object', properties: { total: { type: 'number' } } }${hint}.`,
    { option: 'jsonSchema' },
  );
}

function unsupportedSchema(input: object): ConfigError {
  const vendor = (input as { '~standard'?: { vendor?: unknown } })['~standard']?.vendor;
  if (typeof vendor === 'string' && vendor !== 'zod') {
    return new ConfigError(
      `jsonSchema is a ${vendor} schema, but docpipe reads only zod schemas and JSON Schema objects; convert it to a JSON Schema object first (e.g. with ${vendor}'s JSON Schema converter).`,
      { option: 'jsonSchema' },
    );
  }
  return new ConfigError(
    "jsonSchema looks like a zod schema but is neither zod 4 (it has no _zod) nor zod 3 (it has no _def.typeName); pass a schema created with 'zod', 'zod/mini' or 'zod/v3' itself, not a copy of one.",
    { option: 'jsonSchema' },
  );
}
