/**
 * Finding which way up a page is from its lines: the detector finds lines whatever their direction, and the
 * angle classifier says which way each reads.
 *
 * @module
 */
import type { LineAngle } from './angle-classification.js';

// PaddleOCR's cls_thresh: verdicts less certain than this are not counted.
const CERTAIN = 0.9;
// How much more upside-down text than upright text turns a page over.
const UPSIDE_DOWN_MARGIN = 2;

/** What orientation needs to know of a detected line. */
export interface OrientedLine {
  /** The line's box is tall: it runs down the page. */
  readonly vertical: boolean;
  /** The classifier's verdict on the line's crop (a vertical line's crop is turned to read its top first). */
  readonly angle: LineAngle;
  /** The line's length in crop pixels: long lines are the most reliable votes. */
  readonly length: number;
}

/**
 * The clockwise quarter turns that make the page upright: 0 when most of its text reads left to right,
 * 2 when upside down, 3 when it runs down the page (content turned 90° clockwise), 1 when it runs up.
 */
export function pageQuarterTurns(lines: readonly OrientedLine[]): number {
  let vertical = 0;
  let horizontal = 0;
  for (const line of lines) {
    if (line.vertical) vertical += line.length;
    else horizontal += line.length;
  }
  const sideways = vertical > horizontal;
  let upright = 0;
  let turned = 0;
  for (const line of lines) {
    if (line.vertical !== sideways || line.angle.score < CERTAIN) continue;
    if (line.angle.upsideDown) turned += line.length;
    else upright += line.length;
  }
  // A sideways page reads one way or the other; an upright-looking one is turned only on clear evidence, since
  // the classifier mistakes tiny or blurred upright text for upside-down text far more often than the reverse.
  if (sideways) return turned > upright ? 1 : 3;
  return turned > upright * UPSIDE_DOWN_MARGIN ? 2 : 0;
}
