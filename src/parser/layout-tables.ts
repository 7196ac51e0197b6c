/**
 * Tables the layout shows but the OCR provider did not find: runs of rows in shared columns (see
 * {@link alignedRuns}) become tables, placed in reading order where their rows stood.
 *
 * @module
 */
import type { BoundingBox, LayoutRole, OcrLine, OcrTable, OcrTableCell } from '../spec/document.js';
import { type AlignedRun, alignedRuns, type CandidateRow, columnOf } from './aligned-rows.js';
import { boxRight, unionBox } from './box.js';
import type { ReadItem, ReadPage } from './reading-order.js';
import { type TableGrid, tableGrid } from './table-grid.js';

// Rows with these roles are never table rows: a heading or a page header standing in columns stays itself.
const NON_TABLE_ROLES: ReadonlySet<LayoutRole | undefined> = new Set([
  'title',
  'sectionHeading',
  'pageHeader',
  'pageFooter',
  'pageNumber',
  'figure',
]);

/** The page read with each run of text rows standing in shared columns replaced by a table of those rows. */
export function withLayoutTables<T>(page: ReadPage<T>): ReadPage<T | TableGrid> {
  const rows = page.items.map(candidateRow);
  const box = unionBox(page.items.flatMap((item) => (item.kind === 'text' ? [item.box] : [])));
  if (!box) return page;
  const runs = alignedRuns(rows, { left: box.left, right: boxRight(box) });
  if (runs.length === 0) return page;
  const items: ReadItem<T | TableGrid>[] = [];
  let next = 0;
  runs.forEach((run, index) => {
    items.push(...page.items.slice(next, run.start));
    const table = alignedTable(`aligned-t${index}`, rows, run);
    items.push({ kind: 'placed', value: tableGrid(table), breakBefore: true });
    next = run.end;
  });
  items.push(...page.items.slice(next));
  return { ...page, items };
}

function candidateRow(item: ReadItem<unknown>): CandidateRow {
  return item.kind === 'text' && !NON_TABLE_ROLES.has(item.role) ? item.segments : undefined;
}

/**
 * The table of a run: per table row, one cell per column holding text, the texts of its lines there top to
 * bottom and left to right.
 */
function alignedTable(
  id: string,
  rows: readonly CandidateRow[],
  { tableRows, gutters }: AlignedRun,
): OcrTable {
  const cells: OcrTableCell[] = [];
  tableRows.forEach((indexes, rowIndex) => {
    const columns = new Map<number, OcrLine[]>();
    for (const line of indexes.flatMap((index) => rows[index] ?? []).flatMap((segment) => segment.lines)) {
      const column = columnOf(line.box, gutters);
      const inColumn = columns.get(column);
      if (inColumn) inColumn.push(line);
      else columns.set(column, [line]);
    }
    for (const [columnIndex, inColumn] of columns) {
      cells.push({
        id: `${id}-r${rowIndex}-c${columnIndex}`,
        rowIndex,
        columnIndex,
        rowSpan: 1,
        columnSpan: 1,
        text: inColumn.map((line) => line.text).join(' '),
        box: unionBox(inColumn.map((line) => line.box)) as BoundingBox,
      });
    }
  });
  const box = unionBox(cells.map((cell) => cell.box as BoundingBox)) as BoundingBox;
  return { id, rowCount: tableRows.length, columnCount: gutters.length + 1, cells, box };
}
