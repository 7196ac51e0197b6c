/**
 * Finding checkboxes and radio buttons on a page raster, offline: the local engines' answer to the selection
 * marks cloud OCR reports.
 *
 * @module
 */
import type { BoundingBox, OcrLine, OcrSelectionMark } from '../../spec/document.js';
import type { Grayscale } from '../image-prep/grayscale.js';
import { inkThreshold } from '../image-prep/ink-threshold.js';
import { clampBox } from '../page-builder.js';
import { type InkComponent, inkComponents, type PixelBounds } from './ink-components.js';
import { InkMask } from './ink-mask.js';
import { type MarkOutline, markOutline } from './mark-outline.js';
import { markState } from './mark-state.js';
import { type SideRange, squareFrames } from './square-frame.js';
import { standsAmongText } from './text-context.js';

/** Options of {@link findSelectionMarks}. */
export interface FindSelectionMarksOptions {
  /**
   * The page's OCR lines, with boxes as fractions of the page. With them, a mark must stand near text and
   * not inside a word (an `O` or `0` that looks like a radio button); without them every outline counts.
   */
  readonly lines?: readonly OcrLine[];
}

// Page sizes are unknown in pixels; the long side of a letter or A4 page is some 11 inches, so a checkbox
// (about a tenth to a third of an inch) is this share of the long side.
const MIN_SIDE_SHARE = 0.006;
const MAX_SIDE_SHARE = 0.045;
// Blobs touching the page's edge are scanner borders and punched holes cut off by the edge, not marks.
const EDGE_PIXELS = 2;
// A tick drawn past its box, or into the label beside it, makes a blob up to this many box sides long.
const MAX_TICKED_SIDES = 4;

/**
 * The checkboxes (squares) and radio buttons (circles) on a page, ticked when their inside holds ink, with
 * boxes as fractions of the page and a confidence that is low for a faint outline or an ambiguous fill.
 *
 * @example
 * ```ts
 * const marks = findSelectionMarks(page, { lines: ocrPage.lines });
 * // [{ selected: true, box: { left: 0.77, top: 0.34, width: 0.022, height: 0.017 }, confidence: 0.97 }]
 * ```
 */
export function findSelectionMarks(
  raster: Grayscale,
  options: FindSelectionMarksOptions = {},
): OcrSelectionMark[] {
  const threshold = inkThreshold(raster);
  if (threshold === undefined) return [];
  const mask = new InkMask(raster, threshold);
  const longSide = Math.max(raster.width, raster.height);
  const sides = { min: MIN_SIDE_SHARE * longSide, max: MAX_SIDE_SHARE * longSide };
  const marks: OcrSelectionMark[] = [];
  for (const blob of inkComponents(raster, threshold)) {
    if (!isInsidePage(blob, raster)) continue;
    const outline = outlineIn(mask, blob, sides);
    if (outline === undefined) continue;
    const box = pageBox(outline, raster);
    if (options.lines !== undefined && !standsAmongText(box, options.lines)) continue;
    const state = markState(mask, outline);
    // The outline's completeness weighs most: a clear box with an ambiguous fill is still surely a box.
    marks.push({
      selected: state.selected,
      box,
      confidence: round(outline.fit * (0.7 + 0.3 * state.certainty)),
    });
  }
  return marks.sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left);
}

/** The mark `blob` draws: the blob itself, or a square inside a blob a tick has grown past its box. */
function outlineIn(mask: InkMask, blob: InkComponent, sides: SideRange): MarkOutline | undefined {
  const short = Math.min(blob.right - blob.left, blob.bottom - blob.top);
  const long = Math.max(blob.right - blob.left, blob.bottom - blob.top);
  if (short < sides.min || long > MAX_TICKED_SIDES * sides.max) return undefined;
  if (long <= sides.max) {
    const outline = markOutline(mask, blob);
    if (outline !== undefined) return outline;
  }
  for (const frame of squareFrames(mask, blob, sides)) {
    const outline = markOutline(mask, frame);
    if (outline?.kind === 'square') return outline;
  }
  return undefined;
}

function isInsidePage(blob: InkComponent, raster: Grayscale): boolean {
  return (
    blob.left >= EDGE_PIXELS &&
    blob.top >= EDGE_PIXELS &&
    blob.right <= raster.width - EDGE_PIXELS &&
    blob.bottom <= raster.height - EDGE_PIXELS
  );
}

function pageBox(blob: PixelBounds, raster: Grayscale): BoundingBox {
  return clampBox({
    left: blob.left / raster.width,
    top: blob.top / raster.height,
    width: (blob.right - blob.left) / raster.width,
    height: (blob.bottom - blob.top) / raster.height,
  });
}

function round(confidence: number): number {
  return Math.round(confidence * 1000) / 1000;
}
