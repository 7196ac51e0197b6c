/**
 * Incomplete results on the command line: an extraction that could not fill every field the schema requires
 * still prints what it found (`null` where a value is missing), names each gap on stderr, and ends the command
 * with its own exit code, so a script can tell "some fields missing" from "failed".
 *
 * @module
 */

import type { IncompleteResult } from '../pipeline/result.js';
import { DocpipeError, type ValidationIssue } from '../spec/errors.js';
import type { CliIo } from './io.js';

/** The exit code of a command whose data is incomplete: printed, but some required values are missing. */
export const INCOMPLETE_EXIT_CODE = 3;

/** Some results lack required values: the CLI exits with {@link INCOMPLETE_EXIT_CODE} after printing them. */
export class IncompleteResultsError extends DocpipeError {
  constructor(message: string) {
    super('validation', message);
  }
}

/** One stderr line per value missing or invalid in `file`'s result, e.g. `docpipe: a.pdf: /total: not found`. */
export function reportIncomplete(io: CliIo, file: string, incomplete: IncompleteResult): void {
  for (const issue of incomplete.issues) io.stderr.write(`docpipe: ${file}: ${describeIssue(issue)}\n`);
}

// How ajv ("must have required property 'total'") and zod ("…, received undefined") say a required value is
// absent; the issue's path already names it.
const MISSING_VALUE = /^must have required property\b|received undefined$/;

function describeIssue({ path, message }: ValidationIssue): string {
  const what = MISSING_VALUE.test(message) ? 'required, but not found' : message;
  return `${path || '(root)'}: ${what}`;
}
