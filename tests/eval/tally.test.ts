import { describe, expect, it } from 'vitest';
import type { FieldResult } from '../../src/eval/score-document.js';
import { ConfidenceTally, OutcomeCounts, worstFirst } from '../../src/eval/tally.js';
import type { FieldOutcome } from '../../src/eval/types.js';

const result = (outcome: FieldOutcome, confidence?: number): FieldResult => ({
  field: 'f',
  rule: 'string',
  outcome,
  pointer: '/f',
  ...(confidence === undefined ? {} : { confidence }),
});

describe('OutcomeCounts', () => {
  it('draws accuracy, precision, recall and F1 from the counts', () => {
    const counts = new OutcomeCounts();
    counts.addAll([
      ...Array.from({ length: 6 }, () => result('correct')),
      result('wrong'),
      result('missing'),
      result('missing'),
      result('hallucinated'),
    ]);
    const score = counts.score();
    expect(score).toMatchObject({ scored: 10, correct: 6, wrong: 1, missing: 2, hallucinated: 1 });
    expect(score.accuracy).toBeCloseTo(6 / 10);
    expect(score.precision).toBeCloseTo(6 / 8); // correct ÷ (correct + wrong + hallucinated)
    expect(score.recall).toBeCloseTo(6 / 9); // correct ÷ (correct + wrong + missing)
    expect(score.f1).toBeCloseTo((2 * (6 / 8) * (6 / 9)) / (6 / 8 + 6 / 9));
  });

  it('leaves ratios undefined (null) when there is nothing to divide by', () => {
    expect(new OutcomeCounts().score()).toMatchObject({
      accuracy: null,
      precision: null,
      recall: null,
      f1: null,
    });
    const onlyHallucinated = new OutcomeCounts();
    onlyHallucinated.add('hallucinated');
    expect(onlyHallucinated.score()).toMatchObject({ accuracy: 0, precision: 0, recall: null, f1: null });
  });
});

describe('ConfidenceTally', () => {
  it('gives the accuracy per confidence bucket and of everything at or above it', () => {
    const tally = new ConfidenceTally();
    tally.add([
      result('correct', 0.95),
      result('correct', 1),
      result('wrong', 0.92),
      result('correct', 0.85),
      result('hallucinated', 0.3),
      result('missing', 0.99), // a missing value has no confidence of its own
      result('correct'),
    ]);
    const buckets = tally.buckets() ?? [];
    expect(buckets.map((b) => [b.from, b.to, b.values, b.correct])).toEqual([
      [0, 0.5, 1, 0],
      [0.5, 0.6, 0, 0],
      [0.6, 0.7, 0, 0],
      [0.7, 0.8, 0, 0],
      [0.8, 0.9, 1, 1],
      [0.9, 1, 3, 2],
    ]);
    expect(buckets[5]?.accuracy).toBeCloseTo(2 / 3);
    expect(buckets[1]?.accuracy).toBeNull();
    expect(buckets[4]?.atOrAbove).toEqual({ values: 4, correct: 3, accuracy: 0.75 });
    expect(buckets[0]?.atOrAbove).toEqual({ values: 5, correct: 3, accuracy: 0.6 });
  });

  it('has no buckets when no value carried a confidence', () => {
    const tally = new ConfidenceTally();
    tally.add([result('correct'), result('wrong')]);
    expect(tally.buckets()).toBeUndefined();
  });
});

describe('worstFirst', () => {
  it('orders by accuracy, then F1, then name, undefined figures last', () => {
    const score = (name: string, accuracy: number | null, f1: number | null) => ({
      name,
      scored: 1,
      correct: 0,
      wrong: 0,
      missing: 0,
      hallucinated: 0,
      accuracy,
      precision: null,
      recall: null,
      f1,
    });
    const sorted = worstFirst(
      [
        score('c', 0.9, 0.9),
        score('b', 0.5, 0.8),
        score('a', 0.5, 0.8),
        score('d', null, null),
        score('e', 0.5, 0.6),
      ],
      (item) => item.name,
    );
    expect(sorted.map((item) => item.name)).toEqual(['e', 'a', 'b', 'c', 'd']);
  });
});
