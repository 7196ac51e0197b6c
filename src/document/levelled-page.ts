/**
 * A page's boxes as they would stand had its scan not been tilted: what a parser needs to put the cells of a
 * table row on one line when an engine reported, truthfully, a tilted page.
 *
 * Boxes on a page tilted by 2° are level boxes turned 2° and boxed again: the cells of one row drift apart in
 * height by the row's width times sin 2° (some 50 pixels across a 200-dpi page, two lines of text), so rows
 * grouped by height fall apart. Turning each box's centre back about the page centre, and shrinking the box to
 * the level box it was grown from, undoes that: exactly for boxes {@link pageOnOriginal} mapped back, and as
 * nearly for boxes an engine read on the tilted page itself, which box tilted words the same way.
 *
 * @module
 */

import type { BoundingBox, OcrPage } from '../spec/document.js';
import { clampBox } from './boxes.js';

// Tilts smaller than this (degrees) move nothing by a pixel's worth on a page.
const NEGLIGIBLE_TILT = 0.01;

/**
 * `page` with every box (lines, words, selection marks, tables and their cells, key-value pairs, layout blocks)
 * levelled by the part of `page.angle` off a quarter turn (the tilt), and `angle` set to that quarter turn; the
 * page itself when it has no tilt. For laying text out (the parsers and the heuristic extractor read pages
 * through it), not for grounding: the boxes no longer surround the ink of the page as given.
 *
 * @example
 * ```ts
 * renderLayoutConserved({ provider, pages: document.pages.map(levelledPage) });
 * ```
 */
export function levelledPage(page: OcrPage): OcrPage {
  const quarter = Math.round(page.angle / 90) * 90;
  const tilt = page.angle - quarter;
  if (Math.abs(tilt) < NEGLIGIBLE_TILT) return page;
  const level = leveller(page, tilt);
  return {
    ...page,
    angle: quarter % 360,
    lines: page.lines.map((line) => ({
      ...line,
      box: level(line.box),
      ...(line.words === undefined
        ? {}
        : { words: line.words.map((word) => ({ ...word, box: level(word.box) })) }),
    })),
    selectionMarks: page.selectionMarks.map((mark) => ({ ...mark, box: level(mark.box) })),
    tables: page.tables.map((table) => ({
      ...table,
      ...(table.box ? { box: level(table.box) } : {}),
      cells: table.cells.map((cell) => (cell.box ? { ...cell, box: level(cell.box) } : cell)),
    })),
    keyValues: page.keyValues.map((pair) => ({
      ...pair,
      ...(pair.keyBox ? { keyBox: level(pair.keyBox) } : {}),
      ...(pair.valueBox ? { valueBox: level(pair.valueBox) } : {}),
    })),
    layout: page.layout.map((block) => ({ ...block, box: level(block.box) })),
  };
}

/** Levels boxes of `page` tilted clockwise by `tilt` degrees. */
function leveller(page: OcrPage, tilt: number): (box: BoundingBox) => BoundingBox {
  const radians = (tilt * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const absSin = Math.abs(sin);
  const { width, height } = page;
  return (box) => {
    // In the page's own units, where turning keeps angles: fractions stretch a non-square page.
    const boxWidth = box.width * width;
    const boxHeight = box.height * height;
    const dx = (box.left + box.width / 2) * width - width / 2;
    const dy = (box.top + box.height / 2) * height - height / 2;
    const centreX = width / 2 + dx * cos + dy * sin;
    const centreY = height / 2 - dx * sin + dy * cos;
    // A w × h box turned by t is boxed as W = w cos t + h |sin t|, H = w |sin t| + h cos t; solved for w, h.
    const determinant = cos * cos - absSin * absSin;
    const levelWidth = (boxWidth * cos - boxHeight * absSin) / determinant;
    const levelHeight = (boxHeight * cos - boxWidth * absSin) / determinant;
    // A box too small for its tilt (clipped at the page edge) cannot be solved; it keeps its size.
    const keep = levelWidth <= 0 || levelHeight <= 0;
    const finalWidth = keep ? boxWidth : levelWidth;
    const finalHeight = keep ? boxHeight : levelHeight;
    return clampBox({
      left: (centreX - finalWidth / 2) / width,
      top: (centreY - finalHeight / 2) / height,
      width: finalWidth / width,
      height: finalHeight / height,
    });
  };
}
