/**
 * The public types of evaluation: the options that say how values are compared, and the report
 * `evaluateRun` returns and stores as `vN/eval.json` (the shape `docpipe eval --json` prints).
 *
 * @module
 */
import type { SchemaInput } from '../schema/index.js';

/**
 * How the values of one field are compared with the truth:
 *
 * - `number`: equal within `absolute` or `relative` (a fraction of the true value), whichever is larger;
 * - `string`: equal once case, white space and punctuation are set aside, or at least `similarity`
 *   alike (1 − edit distance ÷ length); strings that both read as dates are compared as dates;
 * - `date`: the same day (ISO, `17 May 2023`, `May 17, 2023`, `17/05/2023`, …), or the same instant
 *   when both sides carry a time;
 * - `exact`: the same JSON value (enums, booleans);
 * - `ignore`: not scored.
 */
export type FieldRule =
  | { readonly kind: 'number'; readonly absolute?: number; readonly relative?: number }
  | { readonly kind: 'string'; readonly similarity?: number }
  | { readonly kind: 'date' }
  | { readonly kind: 'exact' }
  | { readonly kind: 'ignore' };

/** Options of {@link evaluateRun}. */
export interface EvalOptions {
  /**
   * The schema the fields are typed by: zod 4, zod 3 or JSON Schema, as a pipeline takes it. Without it,
   * the JSON Schema the version's configuration stored (`metadata.config.jsonSchema`, which
   * `docpipe batch` writes) is used, and failing that each field is typed by its true value.
   */
  readonly jsonSchema?: SchemaInput;
  /** How far apart two numbers may be and still be equal. @default { absolute: 0, relative: 0 } */
  readonly numberTolerance?: { readonly absolute?: number; readonly relative?: number };
  /**
   * How alike (0..1, edit-distance ratio after normalization) two strings must be to be equal; 1 asks for
   * equality once case, white space and punctuation are set aside.
   * @default 1
   */
  readonly stringSimilarity?: number;
  /** Whether an ambiguous numeric date such as `03/04/2024` is day first (3 April). @default false */
  readonly dayFirst?: boolean;
  /**
   * Rules for single fields, by field path (`total`, `line_items[].amount`; `line_items.amount` and
   * `/line_items/*\/amount` are read the same), over the rules the schema implies.
   * @default {}
   */
  readonly fieldRules?: Readonly<Record<string, FieldRule>>;
  /**
   * The id field of the items of a truth file holding a JSON array; matched against the run's item
   * ids, then against their output ids.
   * @default 'id'
   */
  readonly idField?: string;
  /** A version (`vN`) evaluated against the same truth, for the accuracy change and the gate. */
  readonly baseline?: string;
  /** The regression gate: the most accuracy, in percentage points, the version may lose against the baseline. */
  readonly maxDrop?: number;
  /** Whether to store the report as `eval.json` in the version's folder (and the baseline's). @default true */
  readonly store?: boolean;
}

/**
 * What happened to one field of one document:
 * `correct` (equal to the truth), `wrong` (a different value), `missing` (the truth has a value, the
 * extraction none), `hallucinated` (the extraction has a value, the truth none). Fields empty on both sides
 * (`null`, absent or `''`) are not scored: agreeing on nothing says nothing about accuracy.
 */
export type FieldOutcome = 'correct' | 'wrong' | 'missing' | 'hallucinated';

/**
 * Counts of outcomes and the figures drawn from them. Ratios are 0..1, `null` when undefined (nothing to
 * divide by). `accuracy` = correct ÷ scored; `precision` = correct ÷ (correct + wrong + hallucinated);
 * `recall` = correct ÷ (correct + wrong + missing); `f1` their harmonic mean.
 */
export interface EvalScore {
  /** Fields scored: correct + wrong + missing + hallucinated. */
  readonly scored: number;
  readonly correct: number;
  readonly wrong: number;
  readonly missing: number;
  readonly hallucinated: number;
  readonly accuracy: number | null;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
}

/** The score of one field path over every document, e.g. `line_items[].amount`. */
export interface FieldEvalScore extends EvalScore {
  /** The field path: property names joined by `.`, `[]` after an array. */
  readonly field: string;
  /** The comparison rule the field was scored by. */
  readonly rule: FieldRule['kind'];
}

/** One value that is not correct. */
export interface EvalMismatch {
  readonly field: string;
  /** JSON Pointer to the value: in the extraction, or in the truth when the extraction has no such row. */
  readonly pointer: string;
  readonly outcome: Exclude<FieldOutcome, 'correct'>;
  /** The true value; absent when the truth has none. */
  readonly expected?: unknown;
  /** The extracted value; absent when the extraction has none. */
  readonly actual?: unknown;
  /** The extractor's confidence in the value, when it gave one. */
  readonly confidence?: number;
}

/** How the rows of one array were matched: true rows, extracted rows, matched pairs, and the rest. */
export interface EvalRowCounts {
  /** The array's field path, e.g. `line_items[]`. */
  readonly field: string;
  readonly truthRows: number;
  readonly extractedRows: number;
  readonly matched: number;
  /** True rows no extracted row matched: their values count as missing. */
  readonly missingRows: number;
  /** Extracted rows that match no true row: their values count as hallucinated. */
  readonly extraRows: number;
}

/** The score of one document (item) of the run. */
export interface DocumentEvalScore extends EvalScore {
  /** The item id. */
  readonly id: string;
  /** The item's output id, when it has one. */
  readonly outputId?: string | number;
  /** The version marked the item's result incomplete (required values `null`, scored as missing). */
  readonly incomplete?: true;
  /** The item has no result (its extraction failed): every true value counts as missing. */
  readonly failed?: true;
  readonly rows: readonly EvalRowCounts[];
  /** The values that are not correct, in document order. */
  readonly mismatches: readonly EvalMismatch[];
}

/** Accuracy of the extracted values whose confidence lies in `[from, to)` (`to` = 1 includes 1). */
export interface CalibrationBucket {
  readonly from: number;
  readonly to: number;
  /** Extracted values in the bucket (correct, wrong or hallucinated; a missing value has no confidence). */
  readonly values: number;
  readonly correct: number;
  readonly accuracy: number | null;
  /** The same for every value at or above `from`: what trusting values from this confidence on gives. */
  readonly atOrAbove: { readonly values: number; readonly correct: number; readonly accuracy: number | null };
}

/** A truth input that could not be used as it is: one line, naming the file or item and what to do. */
export interface EvalProblem {
  /** The truth file, or `<file>#<id>` for an item of a truth array. */
  readonly source: string;
  readonly message: string;
}

/** The accuracy change against a baseline version, and the regression gate's verdict. */
export interface BaselineComparison {
  readonly version: string;
  readonly overall: EvalScore;
  /** The version's accuracy minus the baseline's, in percentage points; `null` when either is undefined. */
  readonly changePoints: number | null;
  /** Present when a `maxDrop` was given. */
  readonly gate?: {
    readonly maxDrop: number;
    /** Whether the accuracy fell by no more than `maxDrop` points. */
    readonly passed: boolean;
  };
}

/**
 * The evaluation of a run version against truth: `vN/eval.json`, and what `docpipe eval --json` prints.
 * Lists are worst first: fields and documents by accuracy, then F1.
 */
export interface EvalReport {
  /** The version of this shape. */
  readonly formatVersion: 1;
  readonly runName: string;
  readonly version: string;
  /** ISO 8601 time of the evaluation. */
  readonly evaluatedAt: string;
  /** Where the truth came from: a folder, a file, or `(given)` for truth passed as data. */
  readonly truthSource: string;
  /** The options as resolved (defaults filled in), so the figures can be reproduced. */
  readonly options: {
    readonly numberTolerance: { readonly absolute: number; readonly relative: number };
    readonly stringSimilarity: number;
    readonly dayFirst: boolean;
    readonly fieldRules: Readonly<Record<string, FieldRule>>;
    /** Where the field types came from. */
    readonly schema: 'option' | 'run' | 'inferred';
  };
  readonly overall: EvalScore;
  readonly fields: readonly FieldEvalScore[];
  readonly documents: readonly DocumentEvalScore[];
  /** Row matching per array field, summed over the documents. */
  readonly rows: readonly EvalRowCounts[];
  /** Accuracy by extractor confidence, lowest bucket first; absent when no extracted value carries one. */
  readonly calibration?: readonly CalibrationBucket[];
  /** Items of the version without truth: listed, not scored. */
  readonly unscored: readonly string[];
  /** Truth that could not be used (not JSON, an unknown id, a value of the wrong type); the rest was scored. */
  readonly problems: readonly EvalProblem[];
  readonly baseline?: BaselineComparison;
}
