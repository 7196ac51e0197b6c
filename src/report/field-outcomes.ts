/**
 * How each extracted value compares with the ground truth, as an evaluation (`evaluateRun`, `docpipe eval`,
 * stored as `vN/eval.json`) judged it: the seam through which the report colours fields by outcome.
 *
 * @module
 */

import type { DocumentEvalScore, EvalReport, FieldOutcome } from '../eval/types.js';
import type { GroundedField } from '../spec/document.js';

/** The evaluation of one field, as the report shows it. */
export interface ReportFieldOutcome {
  readonly outcome: FieldOutcome;
  /** The true value, shown beside a wrong or missing one. */
  readonly expected?: unknown;
}

/**
 * Outcomes by item id, then by the field's JSON Pointer (`/total`, `/line_items/0/amount`).
 *
 * @example
 * ```ts
 * const outcomes: ReportOutcomes = { 'invoice.pdf': { '/total': { outcome: 'wrong', expected: 1075.7 } } };
 * ```
 */
export type ReportOutcomes = Readonly<Record<string, Readonly<Record<string, ReportFieldOutcome>>>>;

/** Where the report finds an item's outcomes, given its id and extracted fields; `undefined`: not judged. */
export type OutcomeLookup = (
  itemId: string,
  fields: readonly GroundedField[],
) => Readonly<Record<string, ReportFieldOutcome>> | undefined;

/** Outcomes looked up in `outcomes` when given, else in the documents of `evaluation`. */
export function outcomeLookup(
  outcomes: ReportOutcomes | undefined,
  evaluation: Pick<EvalReport, 'documents'> | undefined,
): OutcomeLookup {
  if (outcomes !== undefined) return (itemId) => outcomes[itemId];
  const scores = new Map(evaluation?.documents.map((score) => [score.id, score]));
  return (itemId, fields) => {
    const score = scores.get(itemId);
    return score === undefined ? undefined : outcomesOfDocument(score, fields);
  };
}

/**
 * One document's outcomes from its evaluation, which lists only the values that are not correct: every other
 * extracted value that is not empty was scored correct (empty ones are not scored). A value the truth has in
 * a row the extraction lacks is keyed by its pointer in the truth, unless an extracted value already holds it.
 */
export function outcomesOfDocument(
  score: Pick<DocumentEvalScore, 'mismatches'>,
  fields: readonly GroundedField[],
): Record<string, ReportFieldOutcome> {
  const outcomes: Record<string, ReportFieldOutcome> = {};
  for (const field of fields) {
    if (!isEmpty(field.value)) outcomes[field.path] = { outcome: 'correct' };
  }
  for (const mismatch of score.mismatches) {
    const extracted = fields.some((field) => field.path === mismatch.pointer && !isEmpty(field.value));
    if (mismatch.outcome === 'missing' && extracted) continue;
    outcomes[mismatch.pointer] = {
      outcome: mismatch.outcome,
      ...(mismatch.expected === undefined ? {} : { expected: mismatch.expected }),
    };
  }
  return outcomes;
}

/** The share of the judged fields that are correct, or `undefined` when none was judged. */
export function accuracyOf(outcomes: readonly ReportFieldOutcome[]): number | undefined {
  if (outcomes.length === 0) return undefined;
  return outcomes.filter((judgement) => judgement.outcome === 'correct').length / outcomes.length;
}

// As the evaluation counts them: agreeing on nothing is not scored.
function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '';
}
