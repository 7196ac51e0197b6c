/**
 * Whether a checkbox or radio button is ticked, from how much ink lies inside its outline.
 *
 * A tick, a cross or a dot covers a tenth to a half of a box's inside; an empty box has only the odd speck of
 * scan noise. The inside is measured a little away from the outline, so the outline's own anti-aliased edge,
 * or a box drawn a degree off square, never counts as a tick.
 *
 * @module
 */
import type { InkMask } from './ink-mask.js';
import type { MarkOutline } from './mark-outline.js';

/** A mark's state and how sure the reading is. */
export interface MarkState {
  readonly selected: boolean;
  /** The share of the inside that is ink. */
  readonly fill: number;
  /** 0..1: how far the fill is from the level that separates ticked from empty. */
  readonly certainty: number;
}

// Measured on the labelled statements and the bcgov form photo: the inside of every empty box is paper (0%),
// of every crossed or ticked one 24-38% ink; the level is set low so that a light tick still counts.
const SELECTED_FILL = 0.06;
// The inside starts this share of the side in from the outline's inner edge.
const INSIDE_MARGIN = 0.08;

/** The state of the mark drawn by `outline`. */
export function markState(mask: InkMask, outline: MarkOutline): MarkState {
  const fill = outline.kind === 'square' ? squareFill(mask, outline) : circleFill(mask, outline);
  const distance =
    fill >= SELECTED_FILL ? (fill - SELECTED_FILL) / SELECTED_FILL : (SELECTED_FILL - fill) / SELECTED_FILL;
  return { selected: fill >= SELECTED_FILL, fill, certainty: Math.min(1, distance) };
}

function inset(outline: MarkOutline): number {
  const side = Math.min(outline.right - outline.left, outline.bottom - outline.top);
  return outline.stroke + Math.max(1, Math.round(INSIDE_MARGIN * side));
}

function squareFill(mask: InkMask, outline: MarkOutline): number {
  const by = inset(outline);
  const left = outline.left + by;
  const top = outline.top + by;
  const right = outline.right - by;
  const bottom = outline.bottom - by;
  const area = (right - left) * (bottom - top);
  return area > 0 ? mask.inkIn(left, top, right, bottom) / area : 0;
}

function circleFill(mask: InkMask, outline: MarkOutline): number {
  const centreX = (outline.left + outline.right) / 2 - 0.5;
  const centreY = (outline.top + outline.bottom) / 2 - 0.5;
  const radius = Math.min(outline.right - outline.left, outline.bottom - outline.top) / 2 - inset(outline);
  let inside = 0;
  let ink = 0;
  for (let y = Math.ceil(centreY - radius); y <= centreY + radius; y++) {
    for (let x = Math.ceil(centreX - radius); x <= centreX + radius; x++) {
      if ((x - centreX) ** 2 + (y - centreY) ** 2 > radius * radius) continue;
      inside++;
      if (mask.isInk(x, y)) ink++;
    }
  }
  return inside > 0 ? ink / inside : 0;
}
