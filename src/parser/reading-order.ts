/**
 * Reading order for `PLAIN` and `MARKDOWN`: page header first, then the body top to bottom (multi-column
 * bands column by column, tables and other placed blocks where they stand), then the page footer.
 *
 * @module
 */
import type { BoundingBox, LayoutRole, OcrLine, OcrPage } from '../spec/document.js';
import { unionBox } from './box.js';
import { readingRuns, type SegmentRow } from './columns.js';
import { measureLines, type PageMetrics } from './metrics.js';
import { flowRows, type Placement, pageFlow } from './page-flow.js';
import { selectionMarkLines, splitAtWideGaps, textLines } from './page-lines.js';
import { lineRoles, pageMargin } from './roles.js';
import {
  groupIntoRows,
  paragraphGap,
  type Row,
  rowSegments,
  SEPARATE_GAP_CHARS,
  type Segment,
} from './rows.js';

/** A row of text in reading order (within one column, when read column by column). */
export interface ReadText {
  readonly kind: 'text';
  /** The texts of the row's pieces that were visually separate on the page (cells, a label and its value). */
  readonly pieces: readonly string[];
  /** The pieces with the OCR lines they join, left to right: where each stood, for finding aligned columns. */
  readonly segments: readonly Segment[];
  readonly box: BoundingBox;
  /** The height of its tallest line: the font size, which the box overstates when pieces sit unevenly. */
  readonly textHeight: number;
  /** The layout role of its first line, when the provider gave layout blocks. */
  readonly role: LayoutRole | undefined;
  /** Whether a paragraph break (a large vertical gap, a new column, a block) comes before it. */
  readonly breakBefore: boolean;
}

/** A placed block (a table, a key-value pair) in reading order; a break always comes before it. */
export interface ReadPlaced<T> {
  readonly kind: 'placed';
  readonly value: T;
  readonly breakBefore: true;
}

/** One item of a page in reading order. */
export type ReadItem<T> = ReadText | ReadPlaced<T>;

/** A page in reading order, with the measures it was read with. */
export interface ReadPage<T> {
  readonly items: readonly ReadItem<T>[];
  readonly metrics: PageMetrics;
}

/** Reads a page's lines, selection marks and `placements` in reading order. */
export function readPage<T>(page: OcrPage, placements: readonly Placement<T>[]): ReadPage<T> {
  const text = textLines(page);
  const metrics = measureLines(text);
  const lines = [...splitAtWideGaps(text, metrics.charWidth), ...selectionMarkLines(page)];
  const roles = lineRoles(lines, page.layout);
  const margins: Record<'header' | 'body' | 'footer', OcrLine[]> = { header: [], body: [], footer: [] };
  for (const line of lines) margins[pageMargin(roles.get(line), line) ?? 'body'].push(line);
  const header = groupIntoRows(margins.header);
  const footer = groupIntoRows(margins.footer);
  const body = pageFlow(margins.body, placements, metrics);
  const bodyRows = flowRows(body);
  const gapLimit = paragraphGap([...header, ...bodyRows, ...footer], metrics.lineHeight);

  const items: ReadItem<T>[] = [];
  let previousBottom: number | undefined;
  let forceBreak = false;
  const readRows = (rows: readonly Row[], findColumns: boolean) => {
    const segmentRows = rows.map(
      (row): SegmentRow => ({
        top: row.top,
        bottom: row.bottom,
        segments: rowSegments(row, metrics.charWidth),
      }),
    );
    const runs = findColumns
      ? readingRuns(segmentRows, SEPARATE_GAP_CHARS * metrics.charWidth)
      : [{ rows: segmentRows, newColumn: false }];
    for (const run of runs) {
      run.rows.forEach((row, index) => {
        const gap = previousBottom === undefined ? 0 : row.top - previousBottom;
        items.push(readText(row, roles, forceBreak || (index === 0 && run.newColumn) || gap > gapLimit));
        forceBreak = false;
        previousBottom = row.bottom;
      });
    }
  };

  readRows(header, false);
  forceBreak = items.length > 0;
  for (const part of body) {
    if (part.kind === 'rows') readRows(part.rows, true);
    else {
      items.push({ kind: 'placed', value: part.value, breakBefore: true });
      forceBreak = true;
    }
  }
  forceBreak ||= footer.length > 0 && items.length > 0;
  readRows(footer, false);
  return { items, metrics };
}

function readText(row: SegmentRow, roles: ReadonlyMap<OcrLine, LayoutRole>, breakBefore: boolean): ReadText {
  const { segments } = row;
  const first = segments[0]?.lines[0];
  return {
    kind: 'text',
    pieces: segments.map((segment) => segment.text),
    segments,
    box: unionBox(segments.map((segment) => segment.box)) as BoundingBox,
    textHeight: Math.max(...segments.flatMap((segment) => segment.lines.map((line) => line.box.height))),
    role: first && roles.get(first),
    breakBefore,
  };
}
