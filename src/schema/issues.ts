/**
 * Turns ajv errors and zod issues into {@link ValidationIssue}s whose messages a person, or a model
 * asked to repair its answer, can act on.
 *
 * @module
 */

import type { ErrorObject } from 'ajv';
import type { ValidationIssue } from '../spec/errors.js';
import { toJsonPointer } from './json-pointer.js';

/** The part of a zod 3 or zod 4 issue docpipe reports. */
export interface ZodIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** One issue per ajv error, at the error's `instancePath`. */
export function issuesFromAjv(errors: readonly ErrorObject[]): ValidationIssue[] {
  // zod emits a `pattern` implementing each string format next to the `format` itself; when both
  // fail, "must match format \"date\"" says it all and the long regex would only add noise.
  const formatPaths = new Set(
    errors.filter((error) => error.keyword === 'format').map((error) => error.instancePath),
  );
  return errors
    .filter((error) => !(error.keyword === 'pattern' && formatPaths.has(error.instancePath)))
    .map((error) => ({ path: issuePath(error), message: ajvMessage(error) }));
}

// ajv puts a missing property's issue on the object that lacks it; the property's own path says what is missing,
// as zod's does.
function issuePath(error: ErrorObject): string {
  const missing =
    error.keyword === 'required'
      ? (error.params as { missingProperty?: unknown }).missingProperty
      : undefined;
  return typeof missing === 'string'
    ? `${error.instancePath}${toJsonPointer([missing])}`
    : error.instancePath;
}

/** One issue per zod issue, its key path turned into a JSON Pointer. */
export function issuesFromZod(issues: readonly ZodIssueLike[]): ValidationIssue[] {
  return issues.map((issue) => ({ path: toJsonPointer(issue.path), message: issue.message }));
}

/** An issue as one line, e.g. `/total: must be number` (the root shows as `(root)`). */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path || '(root)'}: ${issue.message}`;
}

// ajv's default messages leave out the offending key or the allowed values for these keywords,
// which is exactly what a reader needs to fix the value.
function ajvMessage(error: ErrorObject): string {
  const message = error.message ?? `must pass the "${error.keyword}" keyword`;
  const params: Record<string, unknown> = error.params;
  switch (error.keyword) {
    case 'additionalProperties':
      return `must NOT have additional property '${String(params.additionalProperty)}'`;
    case 'unevaluatedProperties':
      return `must NOT have unevaluated property '${String(params.unevaluatedProperty)}'`;
    case 'enum':
      return `${message}: ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', ')}`;
    case 'const':
      return `${message}: ${JSON.stringify(params.allowedValue)}`;
    default:
      return message;
  }
}
