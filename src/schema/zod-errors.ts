/**
 * The ConfigErrors for zod schemas that cannot become a JSON Schema, with what to use instead.
 *
 * @module
 */

import { ConfigError, messageOf } from '../spec/errors.js';
import { toJsonPointer } from './json-pointer.js';

/** Which zod major version a schema comes from; the suggested replacements differ. */
export type ZodMajor = 'zod4' | 'zod3';

/**
 * The error for a zod type JSON Schema cannot represent, such as `z.date()`.
 *
 * @param type - the zod type in lower case, as zod 4 names it in `_zod.def.type` (`date`, `bigint`, …)
 * @param schemaPath - where in the generated JSON Schema it sits
 */
export function unrepresentableZodType(
  type: string,
  schemaPath: readonly PropertyKey[],
  zod: ZodMajor,
): ConfigError {
  const name = type === 'custom' ? 'z.custom() or z.instanceof()' : `z.${type}()`;
  return new ConfigError(
    `jsonSchema uses ${name} at #${toJsonPointer(schemaPath)}, which JSON Schema cannot represent because a model can only answer in JSON; ${replacementFor(type, zod)}.`,
    { option: 'jsonSchema' },
  );
}

/** The error for any other failure of a zod-to-JSON-Schema conversion (a ConfigError passes through). */
export function zodConversionError(error: unknown, zod: ZodMajor): ConfigError {
  if (ConfigError.isInstance(error)) return error;
  return new ConfigError(
    `jsonSchema is a ${zod === 'zod4' ? 'zod 4' : 'zod 3'} schema that could not be converted to JSON Schema (${messageOf(error)}); change the part the message names, or pass a JSON Schema object instead.`,
    { option: 'jsonSchema', cause: error },
  );
}

function replacementFor(type: string, zod: ZodMajor): string {
  switch (type) {
    case 'date':
      return zod === 'zod4'
        ? 'use z.iso.date() or z.iso.datetime() instead, and turn the string into a Date after extraction if you need one'
        : 'use z.string().date() or z.string().datetime() instead, and turn the string into a Date after extraction if you need one';
    case 'bigint':
      return 'use z.number().int() instead, or z.string() for integers beyond 2^53';
    case 'map':
      return 'use z.record(z.string(), valueSchema) instead';
    case 'set':
      return 'use z.array(itemSchema) instead';
    case 'undefined':
    case 'void':
      return 'make the property optional with .optional() instead';
    case 'nan':
      return 'use z.number() instead';
    case 'custom':
      return 'use a JSON type with a check instead, e.g. z.string().refine(isValid)';
    case 'transform':
      return 'start from a typed schema instead, e.g. z.string().transform(parse)';
    default:
      return 'use a JSON type (string, number, boolean, null, object or array) instead';
  }
}
