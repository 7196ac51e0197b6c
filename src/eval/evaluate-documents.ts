/**
 * Scoring many documents into the figures of a report: overall, per field, per document, rows, and
 * accuracy by confidence.
 *
 * @module
 */
import type { FieldRules } from './field-rules.js';
import type { Shape } from './schema-shape.js';
import { scoreDocument } from './score-document.js';
import { ConfidenceTally, FieldTally, OutcomeCounts, sumRows, worstFirst } from './tally.js';
import type {
  CalibrationBucket,
  DocumentEvalScore,
  EvalMismatch,
  EvalProblem,
  EvalRowCounts,
  EvalScore,
  FieldEvalScore,
} from './types.js';

/** One document to score: its true and extracted data, and what the report says about it. */
export interface DocumentToScore {
  readonly id: string;
  readonly outputId?: string | number;
  readonly incomplete?: boolean;
  readonly failed?: boolean;
  readonly truth: unknown;
  readonly extracted: unknown;
  /** Where the truth came from, for naming its problems. */
  readonly truthSource: string;
  /** The extractor's confidence by JSON Pointer in the extraction. */
  readonly confidences?: ReadonlyMap<string, number>;
}

/** The figures of an evaluation. */
export interface DocumentsEvaluation {
  readonly overall: EvalScore;
  readonly fields: FieldEvalScore[];
  readonly documents: DocumentEvalScore[];
  readonly rows: EvalRowCounts[];
  readonly calibration?: CalibrationBucket[];
  readonly problems: EvalProblem[];
}

/**
 * Scores documents one at a time, so that a caller can read the next ones meanwhile, and gathers the
 * figures; {@link DocumentScorer.finish} gives them, lists worst first.
 */
export class DocumentScorer {
  readonly #shape: Shape;
  readonly #rules: FieldRules;
  readonly #overall = new OutcomeCounts();
  readonly #fields = new FieldTally();
  readonly #confidence = new ConfidenceTally();
  readonly #scores: DocumentEvalScore[] = [];
  readonly #rows: (readonly EvalRowCounts[])[] = [];
  readonly #problems: EvalProblem[] = [];

  constructor(shape: Shape, rules: FieldRules) {
    this.#shape = shape;
    this.#rules = rules;
  }

  add(document: DocumentToScore): void {
    const { results, rows, problems } = scoreDocument(document.truth, document.extracted, {
      shape: this.#shape,
      rules: this.#rules,
      ...(document.confidences ? { confidences: document.confidences } : {}),
    });
    this.#overall.addAll(results);
    this.#fields.add(results);
    this.#confidence.add(results);
    this.#rows.push(rows);
    for (const { message } of problems) this.#problems.push({ source: document.truthSource, message });
    const counts = new OutcomeCounts();
    counts.addAll(results);
    this.#scores.push({
      id: document.id,
      ...(document.outputId === undefined ? {} : { outputId: document.outputId }),
      ...(document.incomplete ? { incomplete: true } : {}),
      ...(document.failed ? { failed: true } : {}),
      ...counts.score(),
      rows,
      mismatches: results
        .filter((result) => result.outcome !== 'correct')
        .map(({ rule: _rule, ...mismatch }) => mismatch as EvalMismatch),
    });
  }

  finish(): DocumentsEvaluation {
    const calibration = this.#confidence.buckets();
    return {
      overall: this.#overall.score(),
      fields: worstFirst(
        this.#fields.entries().map(({ field, rule, score }) => ({ field, rule, ...score })),
        (field) => field.field,
      ),
      documents: worstFirst(this.#scores, (document) => document.id),
      rows: sumRows(this.#rows),
      ...(calibration ? { calibration } : {}),
      problems: this.#problems,
    };
  }
}
