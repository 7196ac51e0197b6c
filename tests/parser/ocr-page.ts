/**
 * Test-only builders for hand-made OCR pages: lines placed by their box, and a small invoice whose
 * line-item table comes either as OCR `tables` or only as cell lines on shared baselines.
 */
import type { OcrDocument, OcrLine, OcrPage, OcrTable, OcrTableCell } from '../../src/index.js';
import { inOrder } from '../support/in-order.js';

// Width of one character in the hand-made pages, as a fraction of the page width.
const CHAR = 0.01;

let lineCount = 0;

/** An OCR line at `left`, `top`, as wide as its text in {@link CHAR}s unless told. */
export function line(
  text: string,
  left: number,
  top: number,
  size: { width?: number; height?: number } = {},
): OcrLine {
  const box = { left, top, width: size.width ?? text.length * CHAR, height: size.height ?? 0.02 };
  return { id: `l${lineCount++}`, text, box, confidence: 1 };
}

/** A page holding `content`, on a letter-sized sheet. */
export function page(content: Partial<OcrPage> = {}): OcrPage {
  return {
    pageNumber: 1,
    width: 8.5,
    height: 11,
    unit: 'inch',
    angle: 0,
    lines: [],
    words: 0,
    tables: [],
    keyValues: [],
    selectionMarks: [],
    layout: [],
    ...content,
  };
}

/** A document of `pages`, numbered from 1. */
export function documentOf(...pages: OcrPage[]): OcrDocument {
  return { provider: 'test', pages: pages.map((p, index) => ({ ...p, pageNumber: index + 1 })) };
}

/** The invoice's line items, header first. */
export const ITEMS = [
  ['Description', 'Qty', 'Unit price', 'Amount'],
  ['Consulting services, March', '1', '1,200.00', '1,200.00'],
  ['Travel expenses (Berlin)', '2', '150.00', '300.00'],
  ['Software licence', '10', '9.50', '95.00'],
] as const;

const COLUMN_LEFTS = [0.08, 0.5, 0.6, 0.75];
const TABLE_TOP = 0.2;
const ROW_PITCH = 0.03;

/**
 * A one-page invoice: a letterhead, the line items, a total and a footer. Cell lines sit on baselines a little
 * uneven and are a little wider than their text in median characters, as proportional text in OCR is.
 * With `table`, the items also come as an OCR table (with a box, or only its cells when `box` is false).
 */
export function invoicePage(options: { table?: boolean; box?: boolean } = {}): OcrPage {
  const lines = [
    line('ACME Corporation', 0.08, 0.05),
    line('INVOICE INV-3337', 0.75, 0.05),
    line('Bill to: Globex Ltd', 0.08, 0.1),
    line('Date: 2024-03-31', 0.75, 0.1),
  ];
  ITEMS.forEach((texts, row) => {
    texts.forEach((text, column) => {
      const top = TABLE_TOP + row * ROW_PITCH + (column % 2 ? 0.004 : -0.002);
      lines.push(line(text, COLUMN_LEFTS[column] as number, top, { width: text.length * CHAR * 1.15 }));
    });
  });
  const totalTop = TABLE_TOP + ITEMS.length * ROW_PITCH + 0.01;
  lines.push(line('Total', 0.6, totalTop), line('1,595.00', 0.75, totalTop));
  lines.push(line('Thank you for your business.', 0.08, 0.9));
  if (!options.table) return page({ lines });
  const cells: OcrTableCell[] = ITEMS.flatMap((texts, row) =>
    texts.map((text, column) => ({
      id: `p1-t0-r${row}-c${column}`,
      rowIndex: row,
      columnIndex: column,
      rowSpan: 1,
      columnSpan: 1,
      text,
      isHeader: row === 0,
    })),
  );
  const table: OcrTable = {
    id: 'p1-t0',
    rowCount: ITEMS.length,
    columnCount: 4,
    cells,
    ...(options.box === false
      ? {}
      : { box: { left: 0.07, top: TABLE_TOP - 0.008, width: 0.86, height: ITEMS.length * ROW_PITCH } }),
  };
  return page({ lines, tables: [table] });
}

/** The output lines of `text` that hold `cells` in this order. */
export function linesWithCells(text: string, cells: readonly string[]): string[] {
  return text.split('\n').filter((output) => inOrder(output, cells));
}

/** How many times `part` occurs in `text`. */
export function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}
