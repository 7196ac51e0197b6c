/**
 * Resolves any {@link SchemaInput} into the one JSON Schema sent to providers plus the validator
 * for their answers.
 *
 * @module
 */

import { safeParse } from 'zod/v4/core';
import { compileJsonSchema } from './compile-json-schema.js';
import { detectSchema } from './detect-schema.js';
import { frozenJsonCopy } from './json-copy.js';
import type { InferSchema, ResolvedSchema, SchemaInput, SchemaKind } from './json-schema.js';
import { createValidator, type SafeParse } from './validate.js';
import { zod3ToJsonSchema } from './zod3-to-json-schema.js';
import { zod4ToJsonSchema } from './zod4-to-json-schema.js';

/**
 * Turns a zod 4 schema, a `zod/v3` schema or a JSON Schema object into one JSON Schema plus a
 * validator. Call it once, when a pipeline is built: it converts and compiles the schema, so that
 * validating each answer is only the compiled check (and, for zod, one parse).
 *
 * @example
 * ```ts
 * const invoice = resolveSchema(z.object({ total: z.number(), issuedOn: z.iso.date() }));
 * invoice.jsonSchema; // { $schema: '…/2020-12/schema', type: 'object', properties: { … }, … }
 * const result = invoice.validate({ total: 12.5, issuedOn: '2024-05-01' });
 * if (result.success) result.data.total; // number
 * else console.log(result.issues); // [{ path: '/total', message: 'must be number' }]
 * ```
 *
 * @throws {ConfigError} (option `jsonSchema`) when `schema` is not a schema, is an invalid JSON
 * Schema or has an unresolvable `$ref`, or is a zod schema that JSON Schema cannot represent
 * (such as `z.date()`).
 */
export function resolveSchema<const S extends SchemaInput>(schema: S): ResolvedSchema<InferSchema<S>> {
  const detected = detectSchema(schema);
  switch (detected.kind) {
    case 'zod4':
      return build('zod4', zod4ToJsonSchema(detected.schema), (value) => safeParse(detected.schema, value));
    case 'zod3':
      return build('zod3', zod3ToJsonSchema(detected.schema), (value) => detected.schema.safeParse(value));
    case 'json-schema':
      return build('json-schema', detected.schema);
  }
}

// The data type is only known to the caller's generic signature; at runtime every kind is alike.
function build<T>(kind: SchemaKind, schema: object, parse?: SafeParse): ResolvedSchema<T> {
  const jsonSchema = frozenJsonCopy(schema);
  const validate = createValidator(compileJsonSchema(jsonSchema), parse);
  return Object.freeze({ kind, jsonSchema, validate: validate as ResolvedSchema<T>['validate'] });
}
