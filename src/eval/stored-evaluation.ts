/**
 * A version's stored evaluation, `vN/eval.json`: written by `evaluateRun`, read by `runs list`, `runs show`
 * and `runs compare`.
 *
 * @module
 */
import { join } from 'node:path';
import type { RunVersion } from '../runs/run-version.js';
import { readJsonIfValid, writeJsonAtomic } from '../util/atomic-file.js';
import type { EvalReport } from './types.js';

/** The file name of a version's evaluation, in its folder. */
export const EVAL_FILE = 'eval.json';

/** Stores `report` as the version's `eval.json`, replacing an earlier one. */
export function writeEvaluation(version: RunVersion, report: EvalReport): Promise<void> {
  return writeJsonAtomic(join(version.directory, EVAL_FILE), report);
}

/**
 * The version's last evaluation (its `eval.json`), or `undefined` when it was never evaluated (or the file
 * is damaged, or of a shape this docpipe does not read).
 *
 * @example
 * ```ts
 * const report = await readEvaluation(await new RunStore().openVersion('invoices', 'v2'));
 * report?.overall.accuracy; // 0.934
 * ```
 */
export async function readEvaluation(version: RunVersion): Promise<EvalReport | undefined> {
  const stored = (await readJsonIfValid(join(version.directory, EVAL_FILE))) as
    | Partial<EvalReport>
    | undefined;
  return stored?.formatVersion === 1 && typeof stored.overall === 'object'
    ? (stored as EvalReport)
    : undefined;
}
