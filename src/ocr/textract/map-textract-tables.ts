/**
 * Textract TABLE blocks as provider-neutral tables: cells with 0-based indexes, merged cells as spans.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import type { OcrTable, OcrTableCell } from '../../document/model.js';
import { cellId } from '../page-builder.js';
import { type BlockIndex, childText, hasEntityType, relatedBlocks } from './textract-blocks.js';
import { textractBox, textractConfidence } from './textract-geometry.js';

/** The table a TABLE block describes, as table `tableIndex` of page `pageNumber`. */
export function mapTextractTable(
  index: BlockIndex,
  table: Block,
  pageNumber: number,
  tableIndex: number,
): OcrTable {
  const cells = relatedBlocks(index, table, 'CHILD').filter((block) => block.BlockType === 'CELL');
  const merged = relatedBlocks(index, table, 'MERGED_CELL');
  // A merged cell replaces the cells it covers, so each spot of the grid has exactly one cell.
  const covered = new Set(
    merged.flatMap((cell) => relatedBlocks(index, cell, 'CHILD').map((child) => child.Id)),
  );
  const mapped = [
    ...merged.map((cell) => mapMergedCell(index, cell, pageNumber, tableIndex)),
    ...cells
      .filter((cell) => !covered.has(cell.Id))
      .map((cell) =>
        mapCell(cell, childText(index, cell), hasEntityType(cell, 'COLUMN_HEADER'), pageNumber, tableIndex),
      ),
  ].sort((a, b) => a.rowIndex - b.rowIndex || a.columnIndex - b.columnIndex);
  const title = relatedText(index, table, 'TABLE_TITLE');
  const footer = relatedText(index, table, 'TABLE_FOOTER');
  return {
    id: `p${pageNumber}-t${tableIndex}`,
    rowCount: Math.max(0, ...mapped.map((cell) => cell.rowIndex + cell.rowSpan)),
    columnCount: Math.max(0, ...mapped.map((cell) => cell.columnIndex + cell.columnSpan)),
    cells: mapped,
    box: textractBox(table.Geometry),
    ...(title === '' ? {} : { title }),
    ...(footer === '' ? {} : { footer }),
  };
}

function mapMergedCell(
  index: BlockIndex,
  merged: Block,
  pageNumber: number,
  tableIndex: number,
): OcrTableCell {
  const parts = relatedBlocks(index, merged, 'CHILD');
  const text = parts
    .map((part) => childText(index, part))
    .filter(Boolean)
    .join(' ');
  const isHeader =
    hasEntityType(merged, 'COLUMN_HEADER') || parts.some((part) => hasEntityType(part, 'COLUMN_HEADER'));
  return mapCell(merged, text, isHeader, pageNumber, tableIndex);
}

function mapCell(
  cell: Block,
  text: string,
  isHeader: boolean,
  pageNumber: number,
  tableIndex: number,
): OcrTableCell {
  // Textract counts rows and columns from 1.
  const rowIndex = (cell.RowIndex ?? 1) - 1;
  const columnIndex = (cell.ColumnIndex ?? 1) - 1;
  return {
    id: cellId(pageNumber, tableIndex, rowIndex, columnIndex),
    rowIndex,
    columnIndex,
    rowSpan: cell.RowSpan ?? 1,
    columnSpan: cell.ColumnSpan ?? 1,
    text,
    box: textractBox(cell.Geometry),
    ...(cell.Confidence === undefined ? {} : { confidence: textractConfidence(cell.Confidence) }),
    ...(isHeader ? { isHeader } : {}),
  };
}

function relatedText(index: BlockIndex, table: Block, type: 'TABLE_TITLE' | 'TABLE_FOOTER'): string {
  return relatedBlocks(index, table, type)
    .map((block) => childText(index, block))
    .filter(Boolean)
    .join('\n');
}
