/**
 * Converts `zod/v3` schemas to JSON Schema with zod-to-json-schema.
 *
 * @module
 */

import type { ZodTypeAny } from 'zod/v3';
import { ignoreOverride, zodToJsonSchema } from 'zod-to-json-schema';
import { unrepresentableZodType, zodConversionError } from './zod-errors.js';

// zod-to-json-schema quietly emits *something* for these (`z.date()` becomes a date-time string,
// `z.map()` an array of pairs), but no JSON value ever parses as them, so every answer would fail.
const UNREPRESENTABLE = new Set([
  'ZodDate',
  'ZodBigInt',
  'ZodMap',
  'ZodSet',
  'ZodSymbol',
  'ZodFunction',
  'ZodPromise',
  'ZodUndefined',
  'ZodVoid',
  'ZodNaN',
]);

/**
 * The JSON Schema (draft-07) of what `schema` accepts as input, matching the zod 4 conversion: the
 * input side of transforms and pipes, and objects that allow unknown keys unless `.strict()`, since
 * zod strips them when parsing.
 *
 * @throws {ConfigError} when part of the schema has no JSON Schema equivalent (`z.date()`, …).
 */
export function zod3ToJsonSchema(schema: ZodTypeAny): object {
  try {
    return zodToJsonSchema(schema, {
      // A schema reused in two places, or recursive through z.lazy(), becomes a `$ref` to where it
      // first appeared: always correct, where 'none' would turn recursion into `{}`.
      $refStrategy: 'root',
      effectStrategy: 'input',
      pipeStrategy: 'input',
      removeAdditionalStrategy: 'strict',
      allowedAdditionalProperties: undefined,
      override: (def, refs) => {
        const { typeName } = def as { typeName?: unknown };
        if (typeof typeName === 'string' && UNREPRESENTABLE.has(typeName)) {
          // `currentPath` starts with the base path `#`.
          throw unrepresentableZodType(typeName.slice(3).toLowerCase(), refs.currentPath.slice(1), 'zod3');
        }
        return ignoreOverride;
      },
    });
  } catch (error) {
    throw zodConversionError(error, 'zod3');
  }
}
