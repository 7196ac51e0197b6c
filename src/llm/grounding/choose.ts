/**
 * Choosing among the places a value matches equally well.
 *
 * @module
 */
import { boxBottom } from '../../parser/box.js';
import type { LabelQuery, LabelScorer } from './labels.js';
import { type Candidate, candidatePlace, MATCH_RANK } from './match.js';

/** What the choice weighs besides the candidates themselves. */
export interface ChoiceContext {
  readonly scoreLabel: LabelScorer;
  readonly label: LabelQuery;
  /** Where the other values of the same table row were grounded; empty outside rows. */
  readonly rowAnchors: readonly Candidate[];
  /** The places other fields were grounded to already. */
  readonly claimed: ReadonlySet<string>;
}

/**
 * The candidate a value most likely stands at, by these rules in turn:
 * 1. fewest fuzzy edits;
 * 2. for a value of a table row, nearest (vertically, on the same page) to where the row's other values stand;
 * 3. best named by a label around it ({@link createLabelScorer});
 * 4. exact before normalized: with nothing around them to tell, `25` is likelier the model's 25 than `$25.00`;
 * 5. not already taken by another field (the second `1.00` of a list goes to the second item);
 * 6. first in reading order.
 *
 * The row and the label come before the kind of match because they say which value is meant, while the kind only
 * says how it is written: `$25.00` beside `Total` is the total, though `25` stands exactly in `25 Main St`.
 *
 * @param candidates - In reading order, as {@link findMatches} returns them; at least one.
 * @example
 * ```ts
 * chooseCandidate(matches.candidates, { scoreLabel, label: { words: ['total'], inTable: false }, rowAnchors: [], claimed });
 * ```
 */
export function chooseCandidate(candidates: readonly Candidate[], context: ChoiceContext): Candidate {
  const ranked = candidates.map((candidate) => ({
    candidate,
    rank: [
      candidate.edits,
      rowGap(candidate, context.rowAnchors),
      -context.scoreLabel(candidate, context.label),
      MATCH_RANK[candidate.match],
      context.claimed.has(candidatePlace(candidate)) ? 1 : 0,
    ],
  }));
  // Array sort is stable, so candidates ranked alike stay in reading order.
  ranked.sort((a, b) => compareRanks(a.rank, b.rank));
  return (ranked[0] as { candidate: Candidate }).candidate;
}

// The vertical distance to the nearest anchor on the candidate's page: 0 on the anchors' rows, infinite on other
// pages; 0 for every candidate when there are no anchors.
function rowGap(candidate: Candidate, anchors: readonly Candidate[]): number {
  if (anchors.length === 0) return 0;
  let gap = Number.POSITIVE_INFINITY;
  for (const anchor of anchors) {
    if (anchor.page !== candidate.page) continue;
    const apart = Math.max(
      anchor.box.top - boxBottom(candidate.box),
      candidate.box.top - boxBottom(anchor.box),
      0,
    );
    gap = Math.min(gap, apart);
  }
  return gap;
}

function compareRanks(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0 && !Number.isNaN(difference)) return difference;
  }
  return 0;
}
