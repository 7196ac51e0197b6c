/**
 * Grounding: where on the page each value of the extracted data stands.
 *
 * @module
 */
import type { OcrDocument } from '../../spec/document.js';
import type { GroundedField } from '../extraction.js';
import { appendTo } from './append-to.js';
import { chooseCandidate } from './choose.js';
import { createLabelScorer, nameWords } from './labels.js';
import { collectLeaves, type Leaf } from './leaves.js';
import { type Candidate, candidatePlace, findMatches } from './match.js';
import { valueForms } from './value-forms.js';
import { buildWordIndex } from './word-index.js';

/**
 * Finds each leaf value of `data` (strings, numbers, booleans, and the `Date`s of coercing schemas; in property
 * order, arrays and objects walked into) in the OCR output, and reports its page, box, OCR confidence and how it
 * matched:
 *
 * - `exact`: the value's words are OCR words one for one, within a line or running on down its column to the
 *   lines below (an address);
 * - `normalized`: the same text once case, accents, spacing and punctuation are set aside, or the same number
 *   (`56651.49` ↔ `$56,651.49`, `(12.00)`, `1.234,50`, `15%`) or date (`2017-06-18` ↔ `6/18/2017`,
 *   `June 18, 2017`, `18 Jun 2017`);
 * - `fuzzy`: looked for only when neither finds the value: text within a few edits of OCR noise (none under 4
 *   characters, then one, then 15% of the length) that never change a digit, or a number or date once OCR's
 *   letters for digits are read back (`$56,65l.49`);
 * - `none`: not found; the field has no page, box or confidence.
 *
 * Key-value values and table cells are searched too, when the words do not have the value. `null` and missing
 * values are not reported: there is nothing to find. The box is the union of the matched words' boxes;
 * `ocrConfidence` their minimum, as a value is only as sure as its least sure word. When a value stands in
 * several places, fields found in one place only are settled first; each other field then takes the place
 * nearest its table row's other values, then the one named by a label resembling the field's name (`Invoice
 * Date` for `invoice_date`), then an exact match before a normalized one, then one no other field took, then
 * the first in reading order.
 *
 * The words are indexed once per call, so each value is looked up rather than searched for.
 *
 * @example
 * ```ts
 * const ocr = ocrDocumentFromText('Invoice Date  6/18/2017\nTotal  $56,651.49');
 * groundFields({ invoice_date: '2017-06-18', total: 56651.49 }, ocr);
 * // [{ path: '/invoice_date', value: '2017-06-18', page: 1, box: {...}, ocrConfidence: 1, match: 'normalized' },
 * //  { path: '/total', value: 56651.49, page: 1, box: {...}, ocrConfidence: 1, match: 'normalized' }]
 * ```
 */
export function groundFields(data: unknown, ocr: OcrDocument): GroundedField[] {
  const index = buildWordIndex(ocr);
  const leaves = collectLeaves(data);
  const found = leaves.map((leaf) => findMatches(valueForms(leaf.value, index.dateOrder), index));
  // A value found in one place only is settled first: it takes its place and anchors its table row.
  const chosen = found.map((candidates) => (candidates.length === 1 ? candidates[0] : undefined));
  const claimed = new Set(chosen.flatMap((candidate) => (candidate ? [candidatePlace(candidate)] : [])));
  const rows = new Map<string, number[]>();
  leaves.forEach((leaf, i) => {
    if (leaf.row !== undefined) appendTo(rows, leaf.row, i);
  });
  const scoreLabel = createLabelScorer(index);
  leaves.forEach((leaf, i) => {
    const candidates = found[i] ?? [];
    if (candidates.length < 2) return;
    const candidate = chooseCandidate(candidates, {
      scoreLabel,
      label: { words: nameWords(leaf.name), inTable: leaf.row !== undefined },
      rowAnchors: rowAnchors(leaf, rows, chosen),
      claimed,
    });
    chosen[i] = candidate;
    claimed.add(candidatePlace(candidate));
  });
  return leaves.map((leaf, i) => groundedField(leaf, chosen[i]));
}

function rowAnchors(
  leaf: Leaf,
  rows: ReadonlyMap<string, readonly number[]>,
  chosen: readonly (Candidate | undefined)[],
): Candidate[] {
  const row = leaf.row === undefined ? [] : (rows.get(leaf.row) ?? []);
  return row.flatMap((i) => chosen[i] ?? []);
}

function groundedField(leaf: Leaf, candidate: Candidate | undefined): GroundedField {
  if (candidate === undefined) return { path: leaf.path, value: leaf.value, match: 'none' };
  return {
    path: leaf.path,
    value: leaf.value,
    page: candidate.page,
    box: candidate.box,
    ...(candidate.confidence === undefined ? {} : { ocrConfidence: candidate.confidence }),
    match: candidate.match,
  };
}
