/**
 * Pairing the rows of a true table with the extracted one (line items), so that each row is scored
 * against its counterpart wherever the extractor put it: an optimal assignment (the Hungarian algorithm,
 * from `munkres`) on the rows' similarity.
 *
 * @module
 */
import { munkres } from 'munkres';

/** The pairs of an assignment, and the rows of either side left alone. */
export interface RowAssignment {
  /** `[truthIndex, extractedIndex]`, by truth index. */
  readonly pairs: readonly (readonly [number, number])[];
  /** True rows no extracted row matched. */
  readonly unmatchedTruth: readonly number[];
  /** Extracted rows that match no true row. */
  readonly unmatchedExtracted: readonly number[];
}

/** What {@link assignRows} pairs rows by. */
export interface RowMatching {
  /** How alike true row `t` and extracted row `e` are, 0..1; rows alike by 0 are never paired. */
  similarity(t: number, e: number): number;
  /**
   * Optional keys equal only for identical rows (similarity 1), one per row of each side: identical rows
   * are paired first, in order, and only the rest go through the assignment. The result is the same; the
   * work is far less when most rows were extracted right.
   */
  readonly keys?: { readonly truth: readonly string[]; readonly extracted: readonly string[] };
}

// Among assignments of equal similarity, the one keeping rows nearest their own position wins, so ties
// (duplicate rows) resolve in order rather than by the solver's whim. Far below any real difference.
const POSITION_WEIGHT = 1e-9;

/**
 * Pairs `truthCount` true rows with `extractedCount` extracted rows so that the total similarity is
 * largest; either side may have more rows, and a pair alike by 0 counts as two unmatched rows.
 *
 * @example
 * ```ts
 * const truth = ['paper', 'toner'];
 * const extracted = ['toner', 'papr', 'stapler'];
 * assignRows(2, 3, { similarity: (t, e) => ratio(truth[t], extracted[e]) });
 * // { pairs: [[0, 1], [1, 0]], unmatchedTruth: [], unmatchedExtracted: [2] }
 * ```
 */
export function assignRows(truthCount: number, extractedCount: number, matching: RowMatching): RowAssignment {
  const pairs: [number, number][] = [];
  const freeTruth: number[] = [];
  const takenExtracted = new Set<number>();
  const identical = matching.keys ? extractedByKey(matching.keys.extracted) : undefined;
  for (let t = 0; t < truthCount; t++) {
    const e = identical?.get(matching.keys?.truth[t] ?? '')?.shift();
    if (e === undefined) freeTruth.push(t);
    else {
      pairs.push([t, e]);
      takenExtracted.add(e);
    }
  }
  const freeExtracted = range(extractedCount).filter((e) => !takenExtracted.has(e));
  if (freeTruth.length > 0 && freeExtracted.length > 0) {
    const similarities = freeTruth.map((t) => freeExtracted.map((e) => matching.similarity(t, e)));
    const costs = similarities.map((row, r) =>
      row.map(
        (similarity, c) =>
          1 -
          similarity +
          POSITION_WEIGHT * Math.abs((freeTruth[r] as number) - (freeExtracted[c] as number)),
      ),
    );
    for (const [r, c] of munkres(costs)) {
      if ((similarities[r]?.[c] ?? 0) <= 0) continue;
      const [t, e] = [freeTruth[r] as number, freeExtracted[c] as number];
      pairs.push([t, e]);
      takenExtracted.add(e);
    }
  }
  pairs.sort((a, b) => a[0] - b[0]);
  const pairedTruth = new Set(pairs.map(([t]) => t));
  return {
    pairs,
    unmatchedTruth: range(truthCount).filter((t) => !pairedTruth.has(t)),
    unmatchedExtracted: range(extractedCount).filter((e) => !takenExtracted.has(e)),
  };
}

// Empty keys belong to rows with nothing in them, which pairing by key would pair blindly.
function extractedByKey(keys: readonly string[]): Map<string, number[]> {
  const byKey = new Map<string, number[]>();
  keys.forEach((key, e) => {
    if (key === '') return;
    const rows = byKey.get(key);
    if (rows) rows.push(e);
    else byKey.set(key, [e]);
  });
  return byKey;
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
