import { describe, expect, it } from 'vitest';
import { assignRows } from '../../src/eval/row-assignment.js';

/** Similarity from a table: `table[t][e]`. */
const fromTable = (table: readonly (readonly number[])[]) => ({
  similarity: (t: number, e: number) => table[t]?.[e] ?? 0,
});

describe('assignRows', () => {
  it('finds the assignment with the largest total similarity, where greedy pairing would not', () => {
    // Greedy takes 0↔0 (0.9) and leaves 1↔1 (0.1): 1.0. The optimum is 0↔1 + 1↔0: 0.8 + 0.8.
    const result = assignRows(
      2,
      2,
      fromTable([
        [0.9, 0.8],
        [0.8, 0.1],
      ]),
    );
    expect(result).toEqual({
      pairs: [
        [0, 1],
        [1, 0],
      ],
      unmatchedTruth: [],
      unmatchedExtracted: [],
    });
  });

  it('pairs rows that moved, whatever their order', () => {
    const truth = ['paper', 'toner', 'lamp'];
    const extracted = ['lamp', 'paper', 'toner'];
    const result = assignRows(3, 3, { similarity: (t, e) => (truth[t] === extracted[e] ? 1 : 0) });
    expect(result.pairs).toEqual([
      [0, 1],
      [1, 2],
      [2, 0],
    ]);
  });

  it('leaves extra extracted rows unmatched', () => {
    const result = assignRows(
      2,
      3,
      fromTable([
        [0, 1, 0.2],
        [0.3, 0, 1],
      ]),
    );
    expect(result).toEqual({
      pairs: [
        [0, 1],
        [1, 2],
      ],
      unmatchedTruth: [],
      unmatchedExtracted: [0],
    });
  });

  it('leaves true rows the extraction lacks unmatched', () => {
    const result = assignRows(3, 1, fromTable([[0.2], [0.9], [0.5]]));
    expect(result).toEqual({ pairs: [[1, 0]], unmatchedTruth: [0, 2], unmatchedExtracted: [] });
  });

  it('never pairs rows alike by 0: they count as one missing and one extra row', () => {
    const result = assignRows(1, 1, fromTable([[0]]));
    expect(result).toEqual({ pairs: [], unmatchedTruth: [0], unmatchedExtracted: [0] });
  });

  it('resolves ties in order: identical rows pair with their counterparts by position', () => {
    const tie = fromTable([
      [1, 1, 1],
      [1, 1, 1],
      [1, 1, 1],
    ]);
    expect(assignRows(3, 3, tie).pairs).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    // With one row fewer, the rows keep their places and the last is left over.
    expect(
      assignRows(
        3,
        2,
        fromTable([
          [1, 1],
          [1, 1],
          [1, 1],
        ]),
      ).pairs,
    ).toEqual([
      [0, 0],
      [1, 1],
    ]);
  });

  it('pairs identical rows by key first, in order, and gives the same answer', () => {
    const truth = ['a', 'b', 'a', 'c'];
    const extracted = ['c', 'a', 'a', 'x'];
    const similarity = (t: number, e: number) => (truth[t] === extracted[e] ? 1 : 0);
    const calls: [number, number][] = [];
    const keyed = assignRows(4, 4, {
      similarity: (t, e) => {
        calls.push([t, e]);
        return similarity(t, e);
      },
      keys: { truth, extracted },
    });
    expect(keyed).toEqual(assignRows(4, 4, { similarity }));
    expect(keyed.pairs).toEqual([
      [0, 1],
      [2, 2],
      [3, 0],
    ]);
    // Only the row without an identical counterpart went through the assignment.
    expect(calls).toEqual([[1, 3]]);
  });

  it('handles empty tables on either side', () => {
    const never = { similarity: () => 1 };
    expect(assignRows(0, 0, never)).toEqual({ pairs: [], unmatchedTruth: [], unmatchedExtracted: [] });
    expect(assignRows(0, 2, never)).toEqual({ pairs: [], unmatchedTruth: [], unmatchedExtracted: [0, 1] });
    expect(assignRows(2, 0, never)).toEqual({ pairs: [], unmatchedTruth: [0, 1], unmatchedExtracted: [] });
  });
});
