/**
 * Where an OCR table stands on its page and which OCR lines repeat its cells.
 *
 * @module
 */
import type { BoundingBox, OcrTable } from '../document/model.js';
import { unionBox } from './box.js';
import { ownsTexts, type Placement } from './page-flow.js';
import { rowPieces, tableGrid } from './table-grid.js';

/** A table as a {@link Placement}: its box (or its cells' boxes) and the texts of its cells and rows. */
export function tablePlacement(table: OcrTable): Placement<OcrTable> {
  const box = table.box ?? unionBox(table.cells.flatMap((cell) => (cell.box ? [cell.box] : [])));
  const grid = tableGrid(table);
  // An OCR line may hold one cell, or a whole row when the engine read across the cell borders.
  const rows = grid.rows.map((_, index) =>
    rowPieces(grid, index)
      .map((piece) => piece.text)
      .filter((text) => text !== '')
      .join(' '),
  );
  const cells = table.cells.map((cell) => cell.text);
  const captions = [table.title, table.footer].filter((text): text is string => text !== undefined);
  return {
    value: table,
    boxes: box ? [box] : ([] as BoundingBox[]),
    owns: ownsTexts([...cells, ...rows, ...captions]),
  };
}
