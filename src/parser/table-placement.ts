/**
 * Where an OCR table stands on its page and which OCR lines repeat its cells.
 *
 * @module
 */
import type { BoundingBox, OcrTable } from '../spec/document.js';
import { unionBox } from './box.js';
import { ownsTexts, type Placement } from './page-flow.js';
import { type TableGrid, tableGrid } from './table-grid.js';

/** The page's tables as placements, each laid on its grid once for placing and rendering both. */
export function tablePlacements(tables: readonly OcrTable[]): Placement<TableGrid>[] {
  return tables.map((table) => tablePlacement(tableGrid(table)));
}

/** A table as a {@link Placement}: its box (or its cells' boxes) and the texts of its cells and rows. */
function tablePlacement(grid: TableGrid): Placement<TableGrid> {
  const { table } = grid;
  const box = table.box ?? unionBox(table.cells.flatMap((cell) => (cell.box ? [cell.box] : [])));
  return { value: grid, boxes: box ? [box] : ([] as BoundingBox[]), owns: ownsTexts(() => tableTexts(grid)) };
}

/** The texts an OCR line of a table may hold: a cell, or a whole row where the engine read across cell borders. */
function tableTexts({ table, pieces }: TableGrid): string[] {
  const rows = pieces.map((row) =>
    row
      .map((piece) => piece.text)
      .filter((text) => text !== '')
      .join(' '),
  );
  const cells = table.cells.map((cell) => cell.text);
  const captions = [table.title, table.footer].filter((text): text is string => text !== undefined);
  return [...cells, ...rows, ...captions];
}
