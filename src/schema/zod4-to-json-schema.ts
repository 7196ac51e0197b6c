/**
 * Converts zod 4 schemas (classic and mini) to JSON Schema with zod's own converter.
 *
 * @module
 */

import { type $ZodType, toJSONSchema } from 'zod/v4/core';
import { unrepresentableZodType, zodConversionError } from './zod-errors.js';

/**
 * The JSON Schema (draft 2020-12) of what `schema` accepts as input: a model produces the value the
 * schema then parses, and transforms have no JSON Schema on their output side.
 *
 * @throws {ConfigError} when part of the schema has no JSON Schema equivalent (`z.date()`, …).
 */
export function zod4ToJsonSchema(schema: $ZodType): object {
  try {
    return toJSONSchema(schema, {
      io: 'input',
      // Same as `unrepresentable: 'throw'`, but the handler knows which type and where, so the
      // error can name them and suggest a replacement.
      unrepresentable: ({ zodSchema, path }) => {
        throw unrepresentableZodType(zodSchema._zod.def.type, path, 'zod4');
      },
    });
  } catch (error) {
    throw zodConversionError(error, 'zod4');
  }
}
