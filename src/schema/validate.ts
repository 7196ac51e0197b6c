/**
 * Builds {@link ResolvedSchema.validate}: the compiled JSON Schema check, then for zod one parse so
 * that transforms and defaults apply.
 *
 * @module
 */

import type { ValidateFunction } from 'ajv';
import { messageOf } from '../spec/errors.js';
import { issuesFromAjv, issuesFromZod, type ZodIssueLike } from './issues.js';
import type { SchemaValidationResult } from './json-schema.js';

/** A zod `safeParse`, reduced to what validation needs; zod 3 and zod 4 results both fit. */
export type SafeParse = (
  value: unknown,
) =>
  | { readonly success: true; readonly data: unknown }
  | { readonly success: false; readonly error: { readonly issues: readonly ZodIssueLike[] } };

/**
 * A validator that checks a value against the compiled JSON Schema and, when `parse` is given,
 * parses it with zod afterwards. It never throws.
 */
export function createValidator(
  validateJson: ValidateFunction,
  parse?: SafeParse,
): (value: unknown) => SchemaValidationResult<unknown> {
  return (value) => {
    if (!validateJson(value)) return { success: false, issues: issuesFromAjv(validateJson.errors ?? []) };
    if (parse === undefined) return { success: true, data: value };
    try {
      const parsed = parse(value);
      return parsed.success
        ? { success: true, data: parsed.data }
        : { success: false, issues: issuesFromZod(parsed.error.issues) };
    } catch (error) {
      // A transform or refinement that throws (or is async) is a bug in the schema, but validating a
      // model's answer must not crash the run: report it like any other failure.
      return { success: false, issues: [{ path: '', message: `the zod schema threw: ${messageOf(error)}` }] };
    }
  };
}
