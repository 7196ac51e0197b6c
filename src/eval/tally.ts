/**
 * Counting outcomes into scores: per field path, per document and overall, row matching summed per array,
 * and accuracy by confidence.
 *
 * @module
 */
import type { FieldResult } from './score-document.js';
import type { CalibrationBucket, EvalRowCounts, EvalScore, FieldOutcome, FieldRule } from './types.js';

/** Running counts of outcomes. */
export class OutcomeCounts {
  correct = 0;
  wrong = 0;
  missing = 0;
  hallucinated = 0;

  add(outcome: FieldOutcome): void {
    this[outcome] += 1;
  }

  addAll(results: readonly FieldResult[]): void {
    for (const { outcome } of results) this[outcome] += 1;
  }

  /** The counts with the ratios drawn from them. */
  score(): EvalScore {
    const { correct, wrong, missing, hallucinated } = this;
    const scored = correct + wrong + missing + hallucinated;
    const precision = ratio(correct, correct + wrong + hallucinated);
    const recall = ratio(correct, correct + wrong + missing);
    const f1 =
      precision === null || recall === null
        ? null
        : precision + recall === 0
          ? 0
          : (2 * precision * recall) / (precision + recall);
    return {
      scored,
      correct,
      wrong,
      missing,
      hallucinated,
      accuracy: ratio(correct, scored),
      precision,
      recall,
      f1,
    };
  }
}

/** Outcome counts per field path, in the order fields were first met, with the rule each was scored by. */
export class FieldTally {
  readonly #fields = new Map<string, { rule: FieldRule['kind']; counts: OutcomeCounts }>();

  add(results: readonly FieldResult[]): void {
    for (const { field, rule, outcome } of results) {
      let entry = this.#fields.get(field);
      if (!entry) {
        entry = { rule, counts: new OutcomeCounts() };
        this.#fields.set(field, entry);
      }
      entry.counts.add(outcome);
    }
  }

  entries(): { field: string; rule: FieldRule['kind']; score: EvalScore }[] {
    return [...this.#fields].map(([field, { rule, counts }]) => ({ field, rule, score: counts.score() }));
  }
}

/** Row matching summed per array field, in the order arrays were first met. */
export function sumRows(perDocument: Iterable<readonly EvalRowCounts[]>): EvalRowCounts[] {
  const sums = new Map<string, EvalRowCounts>();
  for (const rows of perDocument) {
    for (const row of rows) {
      const sum = sums.get(row.field);
      sums.set(
        row.field,
        sum === undefined
          ? row
          : {
              field: row.field,
              truthRows: sum.truthRows + row.truthRows,
              extractedRows: sum.extractedRows + row.extractedRows,
              matched: sum.matched + row.matched,
              missingRows: sum.missingRows + row.missingRows,
              extraRows: sum.extraRows + row.extraRows,
            },
      );
    }
  }
  return [...sums.values()];
}

/** The lower bounds of the confidence buckets; the last runs to 1, inclusive. */
export const CONFIDENCE_BUCKETS = [0, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

/**
 * Accuracy of the extracted values by the confidence the extractor gave them, with the accuracy of every
 * value at or above each bucket: what a review threshold there would let through.
 */
export class ConfidenceTally {
  readonly #values = CONFIDENCE_BUCKETS.map(() => 0);
  readonly #correct = CONFIDENCE_BUCKETS.map(() => 0);
  #any = false;

  add(results: readonly FieldResult[]): void {
    for (const { confidence, outcome } of results) {
      // A missing value has no confidence: the extractor said nothing.
      if (confidence === undefined || outcome === 'missing') continue;
      this.#any = true;
      const index = Math.max(
        0,
        CONFIDENCE_BUCKETS.findLastIndex((from) => confidence >= from),
      );
      this.#values[index] = (this.#values[index] ?? 0) + 1;
      if (outcome === 'correct') this.#correct[index] = (this.#correct[index] ?? 0) + 1;
    }
  }

  /** The buckets, lowest confidence first; `undefined` when no value carried a confidence. */
  buckets(): CalibrationBucket[] | undefined {
    if (!this.#any) return undefined;
    let valuesAbove = 0;
    let correctAbove = 0;
    const buckets: CalibrationBucket[] = [];
    for (let index = CONFIDENCE_BUCKETS.length - 1; index >= 0; index--) {
      const [values, correct] = [this.#values[index] ?? 0, this.#correct[index] ?? 0];
      valuesAbove += values;
      correctAbove += correct;
      buckets.unshift({
        from: CONFIDENCE_BUCKETS[index] as number,
        to: CONFIDENCE_BUCKETS[index + 1] ?? 1,
        values,
        correct,
        accuracy: ratio(correct, values),
        atOrAbove: { values: valuesAbove, correct: correctAbove, accuracy: ratio(correctAbove, valuesAbove) },
      });
    }
    return buckets;
  }
}

/** Worst first: by accuracy, then F1 (undefined ones last), then `name` for a stable order. */
export function worstFirst<T extends EvalScore>(items: readonly T[], name: (item: T) => string): T[] {
  const rank = (value: number | null) => value ?? Number.POSITIVE_INFINITY;
  return [...items].sort(
    (a, b) =>
      rank(a.accuracy) - rank(b.accuracy) || rank(a.f1) - rank(b.f1) || name(a).localeCompare(name(b)),
  );
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
