/**
 * Baseline grouping shared by the parsers: OCR lines standing side by side on the page form one row, even
 * when their boxes sit at slightly different heights (pdf text items, mixed font sizes).
 *
 * @module
 */
import type { BoundingBox, OcrLine } from '../spec/document.js';
import { boxBottom, boxRight, centreY, overlapsHorizontally, unionBox } from './box.js';
import { isMarkerOnly } from './list-markers.js';
import { median } from './metrics.js';

/** OCR lines that share a baseline, left to right. */
export interface Row {
  readonly lines: readonly OcrLine[];
  readonly top: number;
  readonly bottom: number;
}

/** Neighbouring lines of a row this many character widths apart or more were visually separate on the page. */
export const SEPARATE_GAP_CHARS = 1.5;

// The most lines one row may hold. A row of the character grid is at most about a thousand characters wide
// (see metrics.ts), so no real row holds more separate pieces; stopping there keeps the overlap check below
// from growing quadratic on a damaged page that puts every word on one baseline.
const MAX_ROW_LINES = 256;

// A bullet or checkbox is this close to its label at most; further away it is a cell of its own.
const MARKER_GAP_CHARS = 4;

// In line heights: what a paragraph break adds to the page's usual gap between rows, and the most that
// usual gap can be.
const PARAGRAPH_GAP_LINES = 0.6;
const MAX_USUAL_GAP_LINES = 0.75;

interface OpenRow {
  readonly lines: OcrLine[];
  top: number;
  bottom: number;
  /** The first line's centre, baseline and height: comparing with them keeps a row from drifting down. */
  readonly centre: number;
  readonly baseline: number;
  readonly height: number;
}

/** Groups lines into rows, top to bottom, each row's lines left to right. */
export function groupIntoRows(lines: readonly OcrLine[]): Row[] {
  const rows: OpenRow[] = [];
  for (const line of [...lines].sort((a, b) => centreY(a.box) - centreY(b.box))) {
    const row = rows.at(-1);
    if (row && sharesRow(row, line)) {
      row.lines.push(line);
      row.top = Math.min(row.top, line.box.top);
      row.bottom = Math.max(row.bottom, boxBottom(line.box));
    } else {
      const { top, height } = line.box;
      rows.push({
        lines: [line],
        top,
        bottom: top + height,
        centre: centreY(line.box),
        baseline: top + height,
        height,
      });
    }
  }
  for (const row of rows) if (row.lines.length > 1) row.lines.sort((a, b) => a.box.left - b.box.left);
  return rows;
}

function sharesRow(row: OpenRow, line: OcrLine): boolean {
  const height = Math.min(row.height, line.box.height);
  // Centres within half a line, or bottoms within a quarter: a big and a small font on one baseline have
  // different centres but the same bottom.
  const aligned =
    Math.abs(centreY(line.box) - row.centre) <= height / 2 ||
    Math.abs(boxBottom(line.box) - row.baseline) <= height / 4;
  // Two lines over the same x range are stacked, never side by side, however close their centres.
  if (!aligned || row.lines.length >= MAX_ROW_LINES) return false;
  for (const other of row.lines) if (overlapsHorizontally(other.box, line.box)) return false;
  return true;
}

/** The vertical gap above which a row starts a new paragraph, for rows top to bottom. */
export function paragraphGap(rows: readonly Row[], lineHeight: number): number {
  const gaps = rows.slice(1).map((row, index) => Math.max(0, row.top - (rows[index]?.bottom ?? row.top)));
  // The page's usual gap between rows plus a fraction of a line. The usual gap is capped so that on a page of
  // few, far-apart rows (a form, a letterhead) a blank line still stands for an empty line's worth of space.
  return Math.min(median(gaps) ?? 0, MAX_USUAL_GAP_LINES * lineHeight) + PARAGRAPH_GAP_LINES * lineHeight;
}

/** Whether the horizontal gap between two neighbours of a row shows they were visually separate. */
export function isSeparateGap(gap: number, charWidth: number): boolean {
  return gap >= SEPARATE_GAP_CHARS * charWidth;
}

/** A run of a row's lines close enough to read as one piece of text. */
export interface Segment {
  readonly text: string;
  readonly box: BoundingBox;
  readonly lines: readonly OcrLine[];
}

/**
 * A row's segments, left to right: neighbours that are not visually separate are joined with a space, and so
 * is a lone bullet, list number or checkbox with the text a few characters to its right.
 */
export function rowSegments(row: Row, charWidth: number): Segment[] {
  const runs: OcrLine[][] = [];
  for (const line of row.lines) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    const gap = previous ? line.box.left - boxRight(previous.box) : 0;
    const joins =
      !isSeparateGap(gap, charWidth) ||
      (run?.length === 1 &&
        previous !== undefined &&
        isMarkerOnly(previous.text) &&
        gap < MARKER_GAP_CHARS * charWidth);
    if (run && joins) run.push(line);
    else runs.push([line]);
  }
  return runs.map((lines) => ({
    text: lines.map((line) => line.text).join(' '),
    box: unionBox(lines.map((line) => line.box)) as BoundingBox,
    lines,
  }));
}
