/**
 * Text runs placed on the upright page (its /Rotate applied), each in the frame that reads it left to right.
 *
 * @module
 */
import type { PageText, TextRun } from '../pdf/page-text.js';

/** Quarter turns clockwise of a baseline as a reader of the upright page sees it: 0 is left to right. */
export type Direction = 0 | 1 | 2 | 3;

/** A text run placed on the upright page. */
export interface PlacedRun {
  readonly text: string;
  /** Whether the text is only whitespace: it separates words but has no box. */
  readonly blank: boolean;
  readonly direction: Direction;
  readonly fontSize: number;
  /**
   * Where the run lies in its reading frame, the page turned so that the run reads left to right:
   * the baseline's distance from the top, and where the run starts and ends along it.
   */
  readonly baseline: number;
  readonly start: number;
  readonly end: number;
  /** The origin (start of the baseline) on the upright page, in points from the top left. */
  readonly x: number;
  readonly y: number;
  /** The baseline from start to end. */
  readonly advanceX: number;
  readonly advanceY: number;
  /** From the baseline to the top of the glyphs (the font's ascent). */
  readonly topX: number;
  readonly topY: number;
  /** From the baseline to the bottom of the glyphs (the font's descent). */
  readonly bottomX: number;
  readonly bottomY: number;
}

// Typical of Latin fonts; used when pdf.js reports no usable extent for a font.
const DEFAULT_ASCENT = 0.8;
const DEFAULT_DESCENT = -0.2;

/** The page's text runs, placed; runs without text or with a degenerate matrix are left out. */
export function placeRuns(text: PageText): PlacedRun[] {
  const placed: PlacedRun[] = [];
  for (const run of text.runs) {
    if (run.str === '') continue;
    const place = placeRun(run, text);
    if (place !== undefined) placed.push(place);
  }
  return placed;
}

function placeRun(run: TextRun, text: PageText): PlacedRun | undefined {
  const [a, b, c, d, e, f] = compose(text.transform, run.transform);
  const scale = Math.hypot(a, b);
  if (!(scale > 0)) return undefined;
  const ux = a / scale;
  const uy = b / scale;
  const fontSize = Math.hypot(c, d) || scale;
  // The glyphs' up direction on the page: text space's y axis after both transforms.
  const upX = c / fontSize;
  const upY = d / fontSize;
  const font = text.fonts[run.fontName];
  const ascent = font !== undefined && font.ascent > 0 ? font.ascent : DEFAULT_ASCENT;
  const descent = font !== undefined && font.descent < 0 ? font.descent : DEFAULT_DESCENT;
  const direction = directionOf(ux, uy);
  const start = frameX(direction, e, f);
  return {
    text: run.str,
    blank: isBlank(run.str),
    direction,
    fontSize,
    baseline: frameY(direction, e, f),
    start,
    end: start + run.width,
    x: e,
    y: f,
    advanceX: ux * run.width,
    advanceY: uy * run.width,
    topX: upX * ascent * fontSize,
    topY: upY * ascent * fontSize,
    bottomX: upX * descent * fontSize,
    bottomY: upY * descent * fontSize,
  };
}

type Matrix = readonly [number, number, number, number, number, number];

/** `outer × inner` for PDF matrices `[a, b, c, d, e, f]`: apply `inner`, then `outer`. */
function compose(outer: readonly number[], inner: readonly number[]): Matrix {
  const [a1 = 1, b1 = 0, c1 = 0, d1 = 1, e1 = 0, f1 = 0] = outer;
  const [a2 = 1, b2 = 0, c2 = 0, d2 = 1, e2 = 0, f2 = 0] = inner;
  return [
    a1 * a2 + c1 * b2,
    b1 * a2 + d1 * b2,
    a1 * c2 + c1 * d2,
    b1 * c2 + d1 * d2,
    a1 * e2 + c1 * f2 + e1,
    b1 * e2 + d1 * f2 + f1,
  ];
}

// y grows downwards on the upright page, so a baseline pointing down (+y) is a quarter turn clockwise.
function directionOf(ux: number, uy: number): Direction {
  if (Math.abs(ux) >= Math.abs(uy)) return ux > 0 ? 0 : 2;
  return uy > 0 ? 1 : 3;
}

/** The distance along a baseline of `direction` (the page turned so that it reads left to right). */
function frameX(direction: Direction, x: number, y: number): number {
  return direction === 0 ? x : direction === 1 ? y : direction === 2 ? -x : -y;
}

/** The distance down the page turned so that `direction` reads left to right. */
function frameY(direction: Direction, x: number, y: number): number {
  return direction === 0 ? y : direction === 1 ? -x : direction === 2 ? -y : x;
}

/** Whether a UTF-16 code unit separates words. */
export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x202f ||
    code === 0x3000
  );
}

function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isSpace(text.charCodeAt(i))) return false;
  return true;
}
