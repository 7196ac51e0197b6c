/**
 * Where the value of a label stands: after it on its line (`Invoice number: INV-3337`), in the block to its
 * right, or in the block below it (under a column header, an address under `Address:`), and the lines a
 * string value runs on to below.
 *
 * @module
 */
import { boxBottom, boxRight } from '../../parser/box.js';
import { endsWithColon, type LabelSpan } from './label-match.js';
import {
  type Block,
  type DocumentLayout,
  horizontalGap,
  type LayoutRow,
  type LayoutWord,
} from './page-layout.js';

/** Text that may be a label's value, and where it was found. */
export interface ValuePlace {
  readonly text: string;
  readonly words: readonly LayoutWord[];
  /** What the value takes, so no other field takes it too: the block and the word it starts at. */
  readonly key: string;
  /** How likely this place holds the label's value: 1 on the label's own line, less beside and below. */
  readonly weight: number;
  /** The text with the lines it runs on to below (an address), for string fields. */
  readonly continued: { readonly text: string; readonly words: readonly LayoutWord[] };
  /** The value's first block, for reading order. */
  readonly block: number;
}

// A rate written after a label: `13%`, `(10%)`, `@6%`, `@`.
const RATE = /^\(?@?\d+(?:[.,]\d+)?\s*%\)?$|^@$/u;

/**
 * Whether a word is a rate that qualifies a label (`13%`, `(10%)`, `@6%`, or the `@` of `@ 6%`).
 *
 * @example
 * ```ts
 * isRate('(10%)'); // true
 * isRate('12.50'); // false
 * ```
 */
export function isRate(word: string): boolean {
  return RATE.test(word);
}

/** Tells whether a block is a label (so not a value): computed once per block by the caller. */
export type IsLabelBlock = (block: Block) => boolean;

// How much less likely a value is beside or below its label than after it on its line.
const RIGHT_WEIGHT = 0.95;
const RIGHT_COST_PER_CHAR = 0.01;
const MIN_RIGHT_WEIGHT = 0.75;
const BELOW_WEIGHT = 0.9;
// The farthest a value stands below its label: under a column header (whose row of values the column
// alignment confirms), and otherwise; in line heights. And the farthest beside it, in page widths: a receipt
// prints its amounts at the far right of the paper, its labels at the left.
const MAX_HEADER_GAP_LINES = 3;
const MAX_BELOW_GAP_LINES = 2;
const MAX_RIGHT_GAP = 0.7;
// How far a value's next line may start from its first, in character widths.
const ALIGN_CHARS = 1;
// The most lines a value runs on to: an address of five lines.
const MAX_CONTINUATION_LINES = 4;
// The most rows looked through for a value below: a few lines down hold a handful of rows on a real page, and a
// damaged one with thousands of rows on one baseline must not cost a pass over all of them per label.
const MAX_BELOW_ROWS = 8;

/**
 * The places the value of a label at `span` of `block` may stand. After the label on its line when words
 * follow it (up to the next word ending in a colon, which starts another label); otherwise the next block to
 * its right, and the block below it: under a row of column headers, the block of the row below in the same
 * position; else the nearest block below that shares some of its width. Blocks that are labels themselves, or
 * in `skip`, are no values.
 *
 * @example
 * ```ts
 * valuePlaces(layout, block, { start: 0, end: 2, score: 1, colon: true }, isLabel, new Set());
 * // [{ text: '3847193', weight: 1, ... }] for the block 'Invoice Number: 3847193'
 * ```
 */
export function valuePlaces(
  layout: DocumentLayout,
  block: Block,
  span: LabelSpan,
  isLabel: IsLabelBlock,
  skip: ReadonlySet<number>,
): ValuePlace[] {
  const usable = (other: Block | undefined): other is Block =>
    other !== undefined && other.selected === undefined && !skip.has(other.id) && !isLabel(other);
  const place = (at: Block, start: number, words: readonly LayoutWord[], weight: number, runsOn: boolean) => {
    const text = words.map((word) => word.text).join(' ');
    const left = words[0]?.box.left ?? at.box.left;
    const joins = (next: Block) =>
      !skip.has(next.id) && !isLabel(next) && !labelledFromLeft(layout, next, isLabel);
    const more = runsOn ? continuation(layout, at, left, joins) : [];
    return {
      text,
      words,
      key: `${at.id}:${start}`,
      weight,
      continued: {
        text: [text, ...more.map((line) => line.text)].join(' '),
        words: [...words, ...more.flatMap((line) => line.words)],
      },
      block: at.id,
    };
  };
  let start = span.end;
  while (start < block.words.length && !/[\p{L}\p{N}]/u.test(block.words[start]?.text ?? '')) start++;
  const places: ValuePlace[] = [];
  if (start < block.words.length) {
    let end = start + 1;
    while (end < block.words.length && !endsWithColon(block.words[end]?.text ?? '')) end++;
    places.push(place(block, start, block.words.slice(start, end), 1, end === block.words.length));
    // A rate after a label may qualify it (`Tax (10%)`, `GST @6%`), the amount standing beside or below.
    if (!block.words.slice(start).every((word) => isRate(word.text))) return places;
  }
  const row = layout.rows[block.row] as LayoutRow;
  const right = layout.blocks[row.blocks.find((id) => isRightOf(layout.blocks[id], block)) ?? -1];
  const headerPartner = columnValueBelow(layout, block);
  const gap = right === undefined ? Number.POSITIVE_INFINITY : horizontalGap(block.box, right.box);
  if (usable(right) && gap <= MAX_RIGHT_GAP && headerPartner === undefined) {
    // The farther right, the less likely it is the label's: past a dozen characters, a value below wins.
    const chars = gap / layout.scale(block.page).charWidth;
    places.push(
      place(
        right,
        0,
        right.words,
        Math.max(MIN_RIGHT_WEIGHT, RIGHT_WEIGHT - RIGHT_COST_PER_CHAR * chars),
        true,
      ),
    );
  }
  const below = headerPartner ?? nearestBelow(layout, block, skip);
  if (usable(below)) places.push(place(below, 0, below.words, BELOW_WEIGHT, true));
  return places;
}

// The lines below a value that continue it: each the block below the last, starting where the value starts,
// as long as `joins` it (it is no label, nor taken).
function continuation(
  layout: DocumentLayout,
  block: Block,
  left: number,
  joins: (next: Block) => boolean,
): Block[] {
  const charWidth = layout.scale(block.page).charWidth;
  const lines: Block[] = [];
  let next = layout.blocks[block.below ?? -1];
  while (
    next !== undefined &&
    lines.length < MAX_CONTINUATION_LINES &&
    Math.abs(next.box.left - left) <= ALIGN_CHARS * charWidth &&
    joins(next)
  ) {
    lines.push(next);
    next = layout.blocks[next.below ?? -1];
  }
  return lines;
}

// Whether a label stands just left of the block on its row: the block is that label's value, so it does not
// continue the value above it (`Invoice No: 123` over `Date: 5/1/2024`, values aligned in one column).
function labelledFromLeft(layout: DocumentLayout, block: Block, isLabel: IsLabelBlock): boolean {
  const row = layout.rows[block.row] as LayoutRow;
  const left = row.blocks
    .map((id) => layout.blocks[id] as Block)
    .filter((other) => other.selected === undefined && boxRight(other.box) <= block.box.left + 1e-9)
    .at(-1);
  return left !== undefined && horizontalGap(left.box, block.box) <= MAX_RIGHT_GAP && isLabel(left);
}

function isRightOf(other: Block | undefined, block: Block): boolean {
  return other !== undefined && other.selected === undefined && other.box.left >= boxRight(block.box) - 1e-9;
}

/**
 * When the block is one of a row of column headers (blocks without digits, with the row below holding as many
 * blocks, each between its header's neighbours), the block below it in that row.
 */
function columnValueBelow(layout: DocumentLayout, block: Block): Block | undefined {
  const row = layout.rows[block.row] as LayoutRow;
  const next = layout.rows[block.row + 1];
  if (next === undefined || next.page !== row.page) return undefined;
  const lineHeight = layout.scale(row.page).lineHeight;
  if (next.top - row.bottom > MAX_HEADER_GAP_LINES * lineHeight) return undefined;
  const headers = textBlocks(layout, row);
  const values = textBlocks(layout, next);
  if (headers.length < 2 || headers.length !== values.length) return undefined;
  if (headers.some((header) => /\d/.test(header.text))) return undefined;
  const aligned = values.every((value, i) => {
    const centre = value.box.left + value.box.width / 2;
    const before = headers[i - 1];
    const after = headers[i + 1];
    return (
      (before === undefined || centre > boxRight(before.box)) &&
      (after === undefined || centre < after.box.left)
    );
  });
  return aligned ? values[headers.indexOf(block)] : undefined;
}

function textBlocks(layout: DocumentLayout, row: LayoutRow): Block[] {
  return row.blocks.map((id) => layout.blocks[id] as Block).filter((block) => block.selected === undefined);
}

// The nearest block below that shares some of the block's width, no farther than a few lines.
function nearestBelow(layout: DocumentLayout, block: Block, skip: ReadonlySet<number>): Block | undefined {
  const lineHeight = layout.scale(block.page).lineHeight;
  const bottom = boxBottom(block.box);
  let best: Block | undefined;
  const lastRow = Math.min(layout.rows.length, block.row + 1 + MAX_BELOW_ROWS);
  for (let rowId = block.row + 1; rowId < lastRow; rowId++) {
    const row = layout.rows[rowId] as LayoutRow;
    if (row.page !== block.page || row.top - bottom > MAX_BELOW_GAP_LINES * lineHeight) break;
    for (const id of row.blocks) {
      const other = layout.blocks[id] as Block;
      const overlaps = other.box.left < boxRight(block.box) && boxRight(other.box) > block.box.left;
      if (other.selected !== undefined || skip.has(id) || !overlaps) continue;
      if (best === undefined || other.box.top < best.box.top) best = other;
    }
    if (best !== undefined) return best;
  }
  return best;
}
