/**
 * Arrays of objects read from tables: the OCR's tables, and rows of blocks under a row of column headers (the
 * tables of a PDF text layer, or of plain text). Headers are matched to the item's properties; each data row
 * becomes an item.
 *
 * @module
 */

import { boxBottom, boxRight, containsCentre } from '../../parser/box.js';
import { type TableGrid, tableGrid } from '../../parser/table-grid.js';
import type { BoundingBox, OcrTable } from '../../spec/document.js';
import { textWords } from '../grounding/normalize.js';
import { labelScore, labelTokens, MIN_LABEL_SCORE, startsWithColonLabel } from './label-match.js';
import { type Block, type DocumentLayout, horizontalGap, type LayoutRow } from './page-layout.js';
import type { FoundValue } from './scalar-finder.js';
import type { ArrayField, ScalarField } from './schema-fields.js';
import { checkboxValue, readValue } from './value-readers.js';

/** One item read from a table row: the values of the item's properties that the row has. */
export type ItemValues = ReadonlyMap<ScalarField, FoundValue>;

/** The items each array field got from tables, and the blocks those tables take up. */
export interface TableReading {
  readonly items: ReadonlyMap<ArrayField, readonly ItemValues[]>;
  /** Ids of the blocks in the tables read, which are no labels or values of other fields. */
  readonly taken: ReadonlySet<number>;
}

/** A column of a table matched to a property of the item. */
interface Column {
  readonly property: ScalarField;
  /** How well the header names the property. */
  readonly score: number;
}

/** One cell's text and the lowest OCR confidence of its words. */
interface CellText {
  readonly text: string;
  readonly confidence: number;
}

/** A table an array field may be read from, with the items it gives that field. */
interface TableOffer {
  /** The table's identity: several fields may be offered one table, which goes to one of them. */
  readonly key: string;
  readonly field: ArrayField;
  readonly fieldIndex: number;
  readonly page: number;
  readonly top: number;
  readonly score: number;
  /** How many of the item's properties its headers name. */
  readonly columns: number;
  readonly items: readonly ItemValues[];
  readonly blocks: readonly number[];
}

// The title above a table (`RETURNS`) counts for twice a column header in telling arrays with alike items apart.
const TITLE_WEIGHT = 2;
// How far above its header a table's title stands, in line heights.
const TITLE_WINDOW_LINES = 8;
// The widest gap between two rows of one table, and between a row and the next line of its text, in line heights.
const MAX_ROW_GAP_LINES = 2.5;
const MAX_WRAP_GAP_LINES = 1.2;
// A row starting with one of these words, filling few columns, sums the items up: the items end there.
const TOTALS =
  /^(?:sub-?\s?total|total|grand total|balance|amount due|tax|sales tax|vat|gst|shipping|discount)\b/iu;

/**
 * The items of each array of objects, from the tables whose headers name its item's properties (at least two,
 * or the one an item has). A table goes to the array whose properties its headers match best, its title (a
 * heading a few lines above it naming the array) breaking ties between arrays with alike items; an array's
 * tables are read in page order, so a table continued on the next page continues the array, but a table naming
 * no more than half the properties its fullest table names is left out as another table.
 *
 * Rows after the header become items: blank rows are skipped, a row with one cell of text under a text column
 * continues the item above (a wrapped description), and a totals row (`Total`, `Subtotal`, `Tax` … filling few
 * columns), a line with a label ending in a colon, a wide gap or the end of the page ends the table.
 *
 * @example
 * ```ts
 * const layout = textLayout('Item      Qty   Amount\nPaper     4     25.00\nToner     1     68.50');
 * readTables([lineItemsField], layout).items.get(lineItemsField)?.length; // 2
 * ```
 */
export function readTables(arrays: readonly ArrayField[], layout: DocumentLayout): TableReading {
  const offers: TableOffer[] = [];
  const ocrTableBoxes = layout.tables.flatMap(({ page, table }) =>
    table.box ? [{ page, box: table.box }] : [],
  );
  arrays.forEach((field, fieldIndex) => {
    const properties = itemProperties(field);
    if (properties.length === 0) return;
    const base = { field, fieldIndex, properties };
    layout.tables.forEach(({ page, table }, tableIndex) => {
      const offer = ocrTableOffer(base, layout, page, table, `ocr:${tableIndex}`);
      if (offer !== undefined) offers.push(offer);
    });
    layout.rows.forEach((row, rowIndex) => {
      // Rows inside an OCR table were read with it.
      const inTable = ocrTableBoxes.some(
        (table) => table.page === row.page && containsRow(table.box, row, layout),
      );
      const offer = inTable ? undefined : lineTableOffer(base, layout, rowIndex);
      if (offer !== undefined) offers.push(offer);
    });
  });
  const titled = offers.map((offer) => ({
    ...offer,
    score: offer.score + TITLE_WEIGHT * titleScore(layout, offer),
  }));
  const best = new Map<string, TableOffer>();
  for (const offer of titled) {
    const known = best.get(offer.key);
    if (
      known === undefined ||
      offer.score > known.score ||
      (offer.score === known.score && offer.fieldIndex < known.fieldIndex)
    ) {
      best.set(offer.key, offer);
    }
  }
  // An array's tables continue one another under the same headers: one whose headers name no more than half the
  // properties of the array's fullest table is another table (returned goods, a tax summary), not more items.
  const fullest = new Map<ArrayField, number>();
  for (const offer of best.values()) {
    fullest.set(offer.field, Math.max(fullest.get(offer.field) ?? 0, offer.columns));
  }
  const items = new Map<ArrayField, ItemValues[]>();
  const taken = new Set<number>();
  const chosen = [...best.values()]
    .filter((offer) => 2 * offer.columns > (fullest.get(offer.field) ?? 0))
    .sort((a, b) => a.page - b.page || a.top - b.top);
  for (const offer of chosen) {
    items.set(offer.field, [...(items.get(offer.field) ?? []), ...offer.items]);
    for (const block of offer.blocks) taken.add(block);
  }
  return { items, taken };
}

function itemProperties(field: ArrayField): ScalarField[] {
  const items = field.items;
  if (items?.kind !== 'object') return [];
  return items.properties.filter((property): property is ScalarField => property.kind === 'scalar');
}

interface OfferBase {
  readonly field: ArrayField;
  readonly fieldIndex: number;
  readonly properties: readonly ScalarField[];
}

// Each property goes to the header naming it best, best matches first, one header per property.
function matchHeaders<H>(
  properties: readonly ScalarField[],
  headers: readonly H[],
  textOf: (header: H) => string,
): Map<number, Column> {
  const pairs: { header: number; property: ScalarField; score: number }[] = [];
  headers.forEach((header, index) => {
    const tokens = textWords(textOf(header)).flatMap(labelTokens);
    for (const property of properties) {
      const score = labelScore(property.labels, tokens);
      if (score >= MIN_LABEL_SCORE) pairs.push({ header: index, property, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.header - b.header);
  const columns = new Map<number, Column>();
  const used = new Set<ScalarField>();
  for (const { header, property, score } of pairs) {
    if (columns.has(header) || used.has(property)) continue;
    columns.set(header, { property, score });
    used.add(property);
  }
  return columns;
}

function enoughColumns(columns: ReadonlyMap<number, Column>, properties: readonly ScalarField[]): boolean {
  return columns.size >= Math.min(2, properties.length);
}

function ocrTableOffer(
  base: OfferBase,
  layout: DocumentLayout,
  page: number,
  table: OcrTable,
  key: string,
): TableOffer | undefined {
  const grid = tableGrid(table);
  const headerRows = headerRowCount(grid);
  const headerTexts = Array.from({ length: grid.columnCount }, (_, column) =>
    [...new Set(grid.rows.slice(0, headerRows).map((row) => row[column]?.text ?? ''))].join(' ').trim(),
  );
  const columns = matchHeaders(base.properties, headerTexts, (text) => text);
  if (headerRows === 0 || !enoughColumns(columns, base.properties)) return undefined;
  const rows: Map<number, CellText>[] = [];
  for (let r = headerRows; r < grid.rows.length; r++) {
    const cells = new Map<number, CellText>();
    grid.rows[r]?.forEach((slot, column) => {
      if (slot === undefined || slot.cell.rowIndex !== r || slot.text === '') return;
      cells.set(column, { text: slot.text, confidence: slot.cell.confidence ?? 1 });
    });
    rows.push(cells);
  }
  const items = itemsOf(rows, columns, layout, grid.columnCount);
  if (items.length === 0) return undefined;
  const box = table.box;
  return {
    ...base,
    key,
    page,
    top: box?.top ?? 0,
    score: scoreOf(columns),
    columns: columns.size,
    items,
    blocks: box === undefined ? [] : blocksInside(layout, page, box),
  };
}

// Rows marked as headers at the top of the table; else the first row, when it has no digits.
function headerRowCount(grid: TableGrid): number {
  let count = 0;
  while (grid.rows[count]?.some((slot) => slot?.cell.isHeader === true)) count++;
  if (count > 0) return count;
  const first = grid.rows[0] ?? [];
  return first.some((slot) => slot !== undefined && /\d/.test(slot.text)) ? 0 : 1;
}

function lineTableOffer(base: OfferBase, layout: DocumentLayout, rowIndex: number): TableOffer | undefined {
  const header = layout.rows[rowIndex] as LayoutRow;
  const headers = header.blocks
    .map((id) => layout.blocks[id] as Block)
    .filter((block) => block.selected === undefined);
  if (
    headers.length < Math.min(2, base.properties.length) ||
    headers.some((block) => /\d/.test(block.text))
  ) {
    return undefined;
  }
  const columns = matchHeaders(base.properties, headers, (block) => block.text);
  if (!enoughColumns(columns, base.properties)) return undefined;
  const lineHeight = layout.scale(header.page).lineHeight;
  const rows: Map<number, CellText>[] = [];
  const blocks = [...header.blocks];
  let previous = header;
  for (let next = rowIndex + 1; next < layout.rows.length; next++) {
    const row = layout.rows[next] as LayoutRow;
    if (row.page !== header.page || row.top - previous.bottom > MAX_ROW_GAP_LINES * lineHeight) break;
    const members = row.blocks.map((id) => layout.blocks[id] as Block);
    if (members.some((block) => startsWithColonLabel(block.words))) break;
    const cells = cellsUnderHeaders(members, headers);
    // A lone text under a text column, close under the row above, is that row's text wrapped onto a new line.
    const [lone] = cells.size === 1 && headers.length > 2 ? cells : [];
    const above = rows.at(-1);
    const close = row.top - previous.bottom <= MAX_WRAP_GAP_LINES * lineHeight;
    if (lone !== undefined && above !== undefined && close && isTextColumn(columns.get(lone[0]))) {
      const [column, cell] = lone;
      const start = above.get(column);
      above.set(column, {
        text: start === undefined ? cell.text : `${start.text} ${cell.text}`,
        confidence: Math.min(start?.confidence ?? 1, cell.confidence),
      });
    } else if (isTotalsRow(cells, headers.length)) {
      break;
    } else {
      rows.push(cells);
    }
    // Not push(...): spread arguments overflow the stack on a row of some 100,000 blocks.
    for (const block of row.blocks) blocks.push(block);
    previous = row;
  }
  const items = itemsOf(rows, columns, layout, headers.length);
  if (items.length === 0) return undefined;
  return {
    ...base,
    key: `row:${rowIndex}`,
    page: header.page,
    top: header.top,
    score: scoreOf(columns),
    columns: columns.size,
    items,
    blocks,
  };
}

// Each block of a row under the header it stands under: one for one when the row has as many blocks as there
// are headers (numbers aligned right under headers aligned left), else the header it overlaps most or stands
// nearest to. Blocks under one header are joined.
function cellsUnderHeaders(members: readonly Block[], headers: readonly Block[]): Map<number, CellText> {
  const cells = new Map<number, CellText>();
  members.forEach((block, index) => {
    const column = members.length === headers.length ? index : nearestHeader(block.box, headers);
    const known = cells.get(column);
    cells.set(column, {
      text: known === undefined ? block.text : `${known.text} ${block.text}`,
      confidence: Math.min(known?.confidence ?? 1, block.confidence),
    });
  });
  return cells;
}

function nearestHeader(box: BoundingBox, headers: readonly Block[]): number {
  let best = 0;
  let bestFit = Number.NEGATIVE_INFINITY;
  headers.forEach((header, index) => {
    const overlap = Math.min(boxRight(box), boxRight(header.box)) - Math.max(box.left, header.box.left);
    const fit = overlap > 0 ? overlap : -horizontalGap(box, header.box);
    if (fit > bestFit) {
      bestFit = fit;
      best = index;
    }
  });
  return best;
}

function isTextColumn(column: Column | undefined): boolean {
  return column?.property.type === 'string' && column.property.choices === undefined;
}

function isTotalsRow(cells: ReadonlyMap<number, CellText>, columnCount: number): boolean {
  const first = [...cells.entries()].sort((a, b) => a[0] - b[0])[0]?.[1];
  return first !== undefined && TOTALS.test(first.text) && cells.size <= Math.ceil(columnCount / 2);
}

// The items of data rows: the cells under matched headers, read as their properties' values. A row from
// which fewer than two values (or the one an item has) can be read is not an item; nor is a totals row.
function itemsOf(
  rows: readonly ReadonlyMap<number, CellText>[],
  columns: ReadonlyMap<number, Column>,
  layout: DocumentLayout,
  columnCount: number,
): ItemValues[] {
  const items: ItemValues[] = [];
  for (const cells of rows) {
    if (isTotalsRow(cells, columnCount)) continue;
    const item = new Map<ScalarField, FoundValue>();
    for (const [index, { property, score }] of columns) {
      const cell = cells.get(index);
      if (cell === undefined) continue;
      const read = readCell(property, cell.text, layout);
      if (read === undefined) continue;
      item.set(property, { value: read.value, confidence: score * read.certainty * cell.confidence });
    }
    if (item.size >= Math.min(2, columns.size)) items.push(item);
  }
  return items;
}

// A checkbox cell reads as its mark's state.
function readCell(property: ScalarField, text: string, layout: DocumentLayout) {
  const mark = text === '☒' || text === '☐' ? checkboxValue(property, text === '☒') : undefined;
  return mark === undefined ? readValue(property, text, layout.dateOrder) : { value: mark, certainty: 1 };
}

function scoreOf(columns: ReadonlyMap<number, Column>): number {
  let score = 0;
  for (const column of columns.values()) score += column.score;
  return score;
}

// How well a heading above the table names the array: the best of the rows within a few lines above it.
function titleScore(layout: DocumentLayout, offer: TableOffer): number {
  const lineHeight = layout.scale(offer.page).lineHeight;
  let best = 0;
  for (const row of layout.rows) {
    if (
      row.page !== offer.page ||
      row.bottom > offer.top ||
      offer.top - row.bottom > TITLE_WINDOW_LINES * lineHeight
    ) {
      continue;
    }
    for (const id of row.blocks) {
      const score = labelScore(
        offer.field.labels,
        (layout.blocks[id] as Block).words.flatMap((word) => word.tokens),
      );
      if (score >= MIN_LABEL_SCORE) best = Math.max(best, score);
    }
  }
  return best;
}

function blocksInside(layout: DocumentLayout, page: number, box: BoundingBox): number[] {
  return layout.blocks
    .filter((block) => block.page === page && containsCentre(box, block.box))
    .map((block) => block.id);
}

function containsRow(box: BoundingBox, row: LayoutRow, layout: DocumentLayout): boolean {
  const first = layout.blocks[row.blocks[0] ?? -1];
  return first !== undefined && containsCentre(box, first.box) && row.bottom <= boxBottom(box) + 1e-9;
}
