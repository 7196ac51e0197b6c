/**
 * Azure tables as docpipe tables, page by page.
 *
 * @module
 */

import { cellId, gridNumber, tableExtent } from '../../document/ocr-invariants.js';
import type { OcrTable, OcrTableCell } from '../../spec/document.js';
import { firstCellPerSpot, unionBox } from '../page-builder.js';
import { objectsIn } from '../response-lists.js';
import type { AnalyzedTable, AnalyzedTableCell } from './analyze-result.js';
import { type PageSize, regionBox } from './page-geometry.js';
import { stripSelectionTokens } from './selection-tokens.js';

/**
 * The tables on each page, by page number. A table that crosses pages becomes one table per page holding the
 * cells whose own bounding region lies there, each with the whole table's row and column count, so that cell
 * indexes keep meaning the same row and column on every page.
 */
export function mapTables(
  tables: readonly AnalyzedTable[],
  sizes: ReadonlyMap<number, PageSize>,
): Map<number, OcrTable[]> {
  const byPage = new Map<number, OcrTable[]>();
  for (const table of tables) {
    for (const [pageNumber, cells] of cellsByPage(table)) {
      const size = sizes.get(pageNumber);
      if (!size) continue;
      const pageTables = byPage.get(pageNumber) ?? [];
      const index = pageTables.length;
      const mapped = firstCellPerSpot(cells.map((cell) => mapCell(cell, pageNumber, index, size)));
      const cellBoxes = mapped.flatMap((cell) => (cell.box ? [cell.box] : []));
      const box =
        regionBox(table.boundingRegions, pageNumber, size) ??
        (cellBoxes.length > 0 ? unionBox(cellBoxes) : undefined);
      // A malformed result's counts may be no count, or fall short of its cells: the grid grows to hold them.
      const { rowCount, columnCount } = tableExtent(mapped, {
        rowCount: gridNumber(table.rowCount) ?? 0,
        columnCount: gridNumber(table.columnCount) ?? 0,
      });
      pageTables.push({
        id: `p${pageNumber}-t${index}`,
        rowCount,
        columnCount,
        cells: mapped,
        ...(box ? { box } : {}),
      });
      byPage.set(pageNumber, pageTables);
    }
  }
  return byPage;
}

function cellsByPage(table: AnalyzedTable): Map<number, AnalyzedTableCell[]> {
  // A cell without a region of its own (rare: an empty cell) stays on the page where the table starts.
  const firstPage = table.boundingRegions?.[0]?.pageNumber ?? 1;
  const byPage = new Map<number, AnalyzedTableCell[]>();
  for (const cell of objectsIn(table.cells)) {
    const pageNumber = cell.boundingRegions?.[0]?.pageNumber ?? firstPage;
    const cells = byPage.get(pageNumber);
    if (cells) cells.push(cell);
    else byPage.set(pageNumber, [cell]);
  }
  return byPage;
}

function mapCell(
  cell: AnalyzedTableCell,
  pageNumber: number,
  table: number,
  size: PageSize,
): OcrTableCell | undefined {
  const rowIndex = gridNumber(cell.rowIndex);
  const columnIndex = gridNumber(cell.columnIndex);
  if (rowIndex === undefined || columnIndex === undefined) return undefined;
  const box = regionBox(cell.boundingRegions, pageNumber, size);
  return {
    id: cellId(pageNumber, table, rowIndex, columnIndex),
    rowIndex,
    columnIndex,
    // A span that is no positive count is read as absent: the cell still has its spot.
    rowSpan: gridNumber(cell.rowSpan) || 1,
    columnSpan: gridNumber(cell.columnSpan) || 1,
    text: stripSelectionTokens(cell.content),
    ...(box ? { box } : {}),
    ...(cell.kind === 'columnHeader' ? { isHeader: true } : {}),
  };
}
