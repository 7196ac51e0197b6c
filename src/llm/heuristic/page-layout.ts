/**
 * A document as the heuristic extractor reads it: blocks of words (an OCR line cut at its column gaps) and
 * selection marks, grouped into rows, with the block each text block continues into below.
 *
 * @module
 */

import { levelledPage } from '../../document/levelled-page.js';
import { textOcrDocument } from '../../ocr/text/text-document.js';
import { unionBox } from '../../parser/box.js';
import { measureLines } from '../../parser/metrics.js';
import { groupIntoRows } from '../../parser/rows.js';
import type {
  BoundingBox,
  OcrDocument,
  OcrKeyValue,
  OcrLine,
  OcrPage,
  OcrTable,
} from '../../spec/document.js';
import { type DateOrderSource, dateOrderEvidence } from '../grounding/date-order-evidence.js';
import type { DateOrder } from '../grounding/dates.js';
import { lineNeighbours } from '../grounding/line-neighbours.js';
import { lineSegments } from '../grounding/line-segments.js';
import { type LabelToken, labelTokens } from './label-match.js';
import { joinTouchingLines } from './touching-lines.js';

/** One word of a block. */
export interface LayoutWord {
  readonly text: string;
  readonly box: BoundingBox;
  readonly confidence: number;
  readonly tokens: readonly LabelToken[];
}

/** A run of words on one line with no column gap in it, or a selection mark. Its id is its index in {@link DocumentLayout.blocks}. */
export interface Block {
  readonly id: number;
  readonly page: number;
  readonly text: string;
  readonly words: readonly LayoutWord[];
  /** Its words' label tokens, in order. */
  readonly tokens: readonly LabelToken[];
  readonly box: BoundingBox;
  readonly confidence: number;
  /** Its row's index in {@link DocumentLayout.rows}. */
  readonly row: number;
  /** For a selection mark (the OCR's, or one written in the text as `☒`, `☐`, `[x]`, `[ ]`): whether it is selected. */
  readonly selected?: boolean;
  /** The text block below it in the same column, near enough to continue it (an address's next line). */
  readonly below?: number;
}

/** Blocks that stand side by side on a page, left to right. */
export interface LayoutRow {
  readonly page: number;
  readonly blocks: readonly number[];
  readonly top: number;
  readonly bottom: number;
}

/** The typical sizes of a page's text, as fractions of the page. */
export interface PageScale {
  readonly charWidth: number;
  readonly lineHeight: number;
}

/** One OCR table and the page it is on. */
export interface PageTable {
  readonly page: number;
  readonly table: OcrTable;
}

/** One OCR key-value pair and the page it is on. */
export interface PageKeyValue {
  readonly page: number;
  readonly pair: OcrKeyValue;
}

/** Everything the heuristic extractor reads a document by, built once per request by {@link buildLayout}. */
export interface DocumentLayout {
  readonly blocks: readonly Block[];
  /** Rows in reading order: page by page, top to bottom. */
  readonly rows: readonly LayoutRow[];
  /** The typical character width and line height of each page, by page number. */
  scale(page: number): PageScale;
  readonly tables: readonly PageTable[];
  readonly keyValues: readonly PageKeyValue[];
  /** How the document writes all-numeric dates. */
  readonly dateOrder: DateOrder;
  /** What {@link dateOrder} rests on: `none` when nothing told, and a date like `08/04/2018` is a guess. */
  readonly dateOrderSource: DateOrderSource;
}

// A checkbox written in text, at the start of a word: a box glyph, brackets around a tick or nothing. OCR reads
// a bracket around a tick as `|` or `I` too (`|X|No`, `[XINo`).
const TEXT_MARK = /^(?:([☒☑✓✔✗])|(☐)|[[|(]\s*([xX✓✔])\s*[\]|)Il]|[[(]\s*[\])])/u;

/**
 * The layout of an OCR document: each line cut into blocks at its column gaps, selection marks (the OCR's,
 * and those written as text) as blocks of their own, rows of blocks, each block's continuation below, and the
 * order of its numeric dates (from the page's evidence, else `locale`: see `dateOrderEvidence`).
 *
 * @example
 * ```ts
 * const layout = buildLayout(textOcrDocument('Invoice number:  INV-3337'));
 * layout.blocks.map((block) => block.text); // ['Invoice number:', 'INV-3337']
 * ```
 */
export function buildLayout(ocr: OcrDocument, locale?: string): DocumentLayout {
  const blocks: Block[] = [];
  const rows: LayoutRow[] = [];
  const scales = new Map<number, PageScale>();
  for (const page of ocr.pages) {
    const scale = measureLines(page.lines);
    scales.set(page.pageNumber, scale);
    layOutPage(levelledPage(page), scale, blocks, rows);
  }
  // A page without lines has the parsers' fallback sizes.
  const fallback = measureLines([]);
  return {
    blocks,
    rows,
    scale: (page) => scales.get(page) ?? fallback,
    tables: ocr.pages.flatMap((page) => page.tables.map((table) => ({ page: page.pageNumber, table }))),
    keyValues: ocr.pages.flatMap((page) => page.keyValues.map((pair) => ({ page: page.pageNumber, pair }))),
    ...dateOrderOf(blocks, locale),
  };
}

/**
 * The layout of plain text, for requests without OCR: each page (split at form feeds) laid out as monospaced
 * text, where runs of two or more spaces separate blocks, as the layout-conserving parser writes columns.
 *
 * @example
 * ```ts
 * textLayout('Total due:   93.50 USD').blocks.map((block) => block.text); // ['Total due:', '93.50 USD']
 * ```
 */
export function textLayout(text: string, locale?: string): DocumentLayout {
  return buildLayout(textOcrDocument(text), locale);
}

function dateOrderOf(blocks: readonly Block[], locale: string | undefined) {
  const evidence = dateOrderEvidence(
    blocks.flatMap((block) => block.words),
    locale,
  );
  return { dateOrder: evidence.order, dateOrderSource: evidence.source };
}

/**
 * The horizontal gap between two boxes, 0 when they overlap.
 *
 * @example
 * ```ts
 * horizontalGap({ left: 0.1, top: 0, width: 0.1, height: 0.02 }, { left: 0.25, top: 0, width: 0.1, height: 0.02 }); // 0.05
 * ```
 */
export function horizontalGap(a: BoundingBox, b: BoundingBox): number {
  return Math.max(0, b.left - (a.left + a.width), a.left - (b.left + b.width));
}

/** A block before it has its place in the layout. */
type Piece = Omit<Block, 'id' | 'row' | 'below'>;

function layOutPage(page: OcrPage, scale: PageScale, blocks: Block[], rows: LayoutRow[]): void {
  const pieces: Piece[] = [];
  for (const line of joinTouchingLines(page.lines, scale.charWidth)) {
    for (const segment of lineSegments(line, scale.charWidth)) {
      // Not push(...): spread arguments overflow the stack on a line of some 100,000 words.
      for (const piece of splitTextMarks(page.pageNumber, segment.words)) pieces.push(piece);
    }
  }
  for (const mark of page.selectionMarks) {
    const text = mark.selected ? '☒' : '☐';
    const confidence = mark.confidence ?? 1;
    pieces.push({
      page: page.pageNumber,
      text,
      words: [{ text, box: mark.box, confidence, tokens: [] }],
      tokens: [],
      box: mark.box,
      confidence,
      selected: mark.selected,
    });
  }
  const textPieces = pieces.flatMap((piece, index) => (piece.selected === undefined ? [index] : []));
  const neighbours = lineNeighbours(textPieces.map((index) => (pieces[index] as Piece).box));
  const belowOf = new Map<number, number>();
  textPieces.forEach((index, rank) => {
    const below = neighbours[rank]?.below;
    if (below !== undefined) belowOf.set(index, textPieces[below] as number);
  });
  // Rows are grouped by the parsers' rule, from stand-in lines whose ids point back at the pieces.
  const stand = pieces.map(
    (piece, index): OcrLine => ({
      id: String(index),
      text: piece.text,
      box: piece.box,
      confidence: piece.confidence,
    }),
  );
  const offset = blocks.length;
  const rowOfPiece = new Map<number, number>();
  for (const row of groupIntoRows(stand)) {
    const members = row.lines.map((line) => Number(line.id));
    for (const member of members) rowOfPiece.set(member, rows.length);
    rows.push({
      page: page.pageNumber,
      blocks: members.map((member) => member + offset),
      top: row.top,
      bottom: row.bottom,
    });
  }
  pieces.forEach((piece, index) => {
    const below = belowOf.get(index);
    blocks.push({
      ...piece,
      id: index + offset,
      row: rowOfPiece.get(index) ?? 0,
      ...(below === undefined ? {} : { below: below + offset }),
    });
  });
}

// A line segment's words as blocks: split where a word starts with a checkbox written in text (`[X]No`), the
// mark becoming a block of its own and the rest of the word starting the next block.
function splitTextMarks(
  page: number,
  words: readonly { text: string; box: BoundingBox; confidence: number }[],
): Piece[] {
  const pieces: Piece[] = [];
  let run: LayoutWord[] = [];
  const flush = () => {
    if (run.length > 0) pieces.push(textBlock(page, run));
    run = [];
  };
  for (let index = 0; index < words.length; index++) {
    let word = words[index] as (typeof words)[number];
    // An empty box written with a space inside comes as two words: `[` and `]`.
    const closing = words[index + 1];
    if (/^[[(]$/.test(word.text) && closing !== undefined && /^[\])]/.test(closing.text)) {
      word = {
        ...word,
        text: `${word.text}${closing.text}`,
        box: unionBox([word.box, closing.box]) as BoundingBox,
      };
      index++;
    }
    const mark = TEXT_MARK.exec(word.text);
    if (mark === null) {
      run.push({ ...word, tokens: labelTokens(word.text) });
      continue;
    }
    flush();
    const share = mark[0].length / word.text.length;
    const markBox = { ...word.box, width: word.box.width * share };
    pieces.push({
      page,
      text: mark[0],
      words: [{ text: mark[0], box: markBox, confidence: word.confidence, tokens: [] }],
      tokens: [],
      box: markBox,
      confidence: word.confidence,
      selected: mark[1] !== undefined || mark[3] !== undefined,
    });
    const rest = word.text.slice(mark[0].length);
    if (rest !== '') {
      const restBox = {
        ...word.box,
        left: word.box.left + markBox.width,
        width: word.box.width - markBox.width,
      };
      run.push({ text: rest, box: restBox, confidence: word.confidence, tokens: labelTokens(rest) });
    }
  }
  flush();
  return pieces;
}

function textBlock(page: number, words: readonly LayoutWord[]): Piece {
  return {
    page,
    text: words.map((word) => word.text).join(' '),
    words,
    tokens: words.flatMap((word) => word.tokens),
    box: unionBox(words.map((word) => word.box)) as BoundingBox,
    confidence: lowestConfidence(words),
  };
}

/**
 * The lowest confidence of `words`; `Infinity` for none, as `Math.min()`. A loop, not
 * `Math.min(...)`: spread arguments overflow the stack on a block of some 100,000 words.
 *
 * @example
 * ```ts
 * lowestConfidence([{ confidence: 0.9 }, { confidence: 0.5 }]); // 0.5
 * ```
 */
export function lowestConfidence(words: readonly { readonly confidence: number }[]): number {
  let lowest = Number.POSITIVE_INFINITY;
  for (const word of words) lowest = Math.min(lowest, word.confidence);
  return lowest;
}
