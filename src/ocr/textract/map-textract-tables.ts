/**
 * Textract TABLE blocks as provider-neutral tables: cells with 0-based indexes, merged cells as spans.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import { cellId, tableExtent } from '../../document/ocr-invariants.js';
import type { OcrTable, OcrTableCell } from '../../spec/document.js';
import { firstCellPerSpot } from '../page-builder.js';
import { type BlockIndex, childText, hasEntityType, joinTexts, relatedBlocks } from './textract-blocks.js';
import { textractBox, textractConfidence } from './textract-geometry.js';

/** The table a TABLE block describes, as table `tableIndex` of page `pageNumber`. */
export function mapTextractTable(
  index: BlockIndex,
  table: Block,
  pageNumber: number,
  tableIndex: number,
): OcrTable {
  const merged = relatedBlocks(index, table, 'MERGED_CELL');
  // A merged cell replaces the cells it covers, so each spot of the grid has exactly one cell.
  const covered = merged.length === 0 ? NO_BLOCKS : coveredCells(index, merged);
  const candidates: (OcrTableCell | undefined)[] = [];
  for (const cell of merged) candidates.push(mapMergedCell(index, cell, pageNumber, tableIndex));
  for (const cell of relatedBlocks(index, table, 'CHILD')) {
    if (cell.BlockType !== 'CELL' || covered.has(cell)) continue;
    const isHeader = hasEntityType(cell, 'COLUMN_HEADER');
    candidates.push(mapCell(cell, childText(index, cell), isHeader, pageNumber, tableIndex));
  }
  const cells = firstCellPerSpot(candidates);
  cells.sort((a, b) => a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex);
  const { rowCount, columnCount } = tableExtent(cells);
  const mapped: Writable<OcrTable> = {
    id: `p${pageNumber}-t${tableIndex}`,
    rowCount,
    columnCount,
    cells,
    box: textractBox(table.Geometry),
  };
  const title = relatedText(index, table, 'TABLE_TITLE');
  const footer = relatedText(index, table, 'TABLE_FOOTER');
  if (title !== '') mapped.title = title;
  if (footer !== '') mapped.footer = footer;
  return mapped;
}

// Optional fields are assigned, not spread in: V8 copies a spread object through a slow path.
type Writable<T> = { -readonly [K in keyof T]: T[K] };

const NO_BLOCKS: ReadonlySet<Block> = new Set();

function coveredCells(index: BlockIndex, merged: readonly Block[]): Set<Block> {
  const covered = new Set<Block>();
  for (const cell of merged) for (const part of relatedBlocks(index, cell, 'CHILD')) covered.add(part);
  return covered;
}

function mapMergedCell(
  index: BlockIndex,
  merged: Block,
  pageNumber: number,
  tableIndex: number,
): OcrTableCell | undefined {
  const parts = relatedBlocks(index, merged, 'CHILD');
  const text = joinTexts(parts, (part) => childText(index, part), ' ');
  const isHeader =
    hasEntityType(merged, 'COLUMN_HEADER') || parts.some((part) => hasEntityType(part, 'COLUMN_HEADER'));
  return mapCell(merged, text, isHeader, pageNumber, tableIndex);
}

/** The cell a CELL or MERGED_CELL block describes; `undefined` for one a malformed response puts nowhere. */
function mapCell(
  cell: Block,
  text: string,
  isHeader: boolean,
  pageNumber: number,
  tableIndex: number,
): OcrTableCell | undefined {
  // Textract counts rows and columns from 1.
  const row = gridCount(cell.RowIndex);
  const column = gridCount(cell.ColumnIndex);
  if (row === undefined || column === undefined) return undefined;
  const rowIndex = row - 1;
  const columnIndex = column - 1;
  const mapped: Writable<OcrTableCell> = {
    id: cellId(pageNumber, tableIndex, rowIndex, columnIndex),
    rowIndex,
    columnIndex,
    // A span that is no count is read as absent, as the cell still has its spot.
    rowSpan: gridCount(cell.RowSpan) ?? 1,
    columnSpan: gridCount(cell.ColumnSpan) ?? 1,
    text,
    box: textractBox(cell.Geometry),
  };
  if (cell.Confidence !== undefined) mapped.confidence = textractConfidence(cell.Confidence);
  if (isHeader) mapped.isHeader = isHeader;
  return mapped;
}

/** A 1-based row or column number or span; 1 when absent, `undefined` when it is no positive integer. */
function gridCount(value: number | undefined): number | undefined {
  if (value === undefined) return 1;
  return Number.isSafeInteger(value) && value >= 1 ? value : undefined;
}

function relatedText(index: BlockIndex, table: Block, type: 'TABLE_TITLE' | 'TABLE_FOOTER'): string {
  return joinTexts(relatedBlocks(index, table, type), (block) => childText(index, block), '\n');
}
