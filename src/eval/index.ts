/**
 * Evaluation: a run version's results scored against ground truth ({@link evaluateRun}), stored with the
 * version as `eval.json` ({@link readEvaluation}).
 *
 * @module
 */
export { evaluateRun } from './evaluate-run.js';
export { parseFieldRule } from './field-rules.js';
export { readEvaluation } from './stored-evaluation.js';
export type { TruthInput } from './truth.js';
export type {
  BaselineComparison,
  CalibrationBucket,
  DocumentEvalScore,
  EvalMismatch,
  EvalOptions,
  EvalProblem,
  EvalReport,
  EvalRowCounts,
  EvalScore,
  FieldEvalScore,
  FieldOutcome,
  FieldRule,
} from './types.js';
