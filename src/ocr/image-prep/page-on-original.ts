/**
 * Putting a page an engine read on a levelled raster back onto the raster it was given: every box, from lines
 * and words to tables and selection marks, turned back with the tilt that {@link deskew} undid.
 *
 * @module
 */
import type { BoundingBox, OcrPage } from '../../spec/document.js';
import { clampBox } from '../page-builder.js';
import { type DeskewedRaster, type PixelRect, turnedSize } from './deskew.js';

/**
 * `page`, read on `level.raster` turned by `quarterTurns` × 90° and measured in its pixels, on the given raster
 * turned alike: its size is that raster's, its boxes surround the same ink there, and its `angle` adds the
 * tilt. Unchanged when nothing was levelled.
 *
 * @example
 * ```ts
 * const level = await deskew(scan);
 * const page = pageOnOriginal(readPage(level.raster), level, 0);
 * ```
 */
export function pageOnOriginal(page: OcrPage, level: DeskewedRaster, quarterTurns: number): OcrPage {
  if (level.angle === 0) return page;
  const size = turnedSize(level.original, quarterTurns);
  const back = (box: BoundingBox): BoundingBox => {
    const pixels: PixelRect = {
      x0: box.left * page.width,
      y0: box.top * page.height,
      x1: (box.left + box.width) * page.width,
      y1: (box.top + box.height) * page.height,
    };
    const mapped = level.mapBoxBack(pixels, quarterTurns);
    return clampBox({
      left: mapped.x0 / size.width,
      top: mapped.y0 / size.height,
      width: (mapped.x1 - mapped.x0) / size.width,
      height: (mapped.y1 - mapped.y0) / size.height,
    });
  };
  const maybe = (box: BoundingBox | undefined) => (box === undefined ? {} : { box: back(box) });
  return {
    ...page,
    width: size.width,
    height: size.height,
    angle: (((page.angle + level.angle) % 360) + 360) % 360,
    lines: page.lines.map((line) => ({
      ...line,
      box: back(line.box),
      ...(line.words === undefined
        ? {}
        : { words: line.words.map((word) => ({ ...word, box: back(word.box) })) }),
    })),
    tables: page.tables.map((table) => ({
      ...table,
      ...maybe(table.box),
      cells: table.cells.map((cell) => ({ ...cell, ...maybe(cell.box) })),
    })),
    keyValues: page.keyValues.map((pair) => ({
      ...pair,
      ...(pair.keyBox === undefined ? {} : { keyBox: back(pair.keyBox) }),
      ...(pair.valueBox === undefined ? {} : { valueBox: back(pair.valueBox) }),
    })),
    selectionMarks: page.selectionMarks.map((mark) => ({ ...mark, box: back(mark.box) })),
    layout: page.layout.map((block) => ({ ...block, box: back(block.box) })),
  };
}
