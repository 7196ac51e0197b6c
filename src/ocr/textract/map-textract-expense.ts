/**
 * AnalyzeExpense results as provider-neutral pages: the text from the expense documents' blocks, summary
 * fields as key-values, and each line-item group as a table under a header row of field types.
 *
 * @module
 */
import type { Block, ExpenseDocument, ExpenseField, LineItemGroup } from '@aws-sdk/client-textract';
import { cellId } from '../../document/ocr-invariants.js';
import type { OcrKeyValue, OcrPage, OcrTable, OcrTableCell } from '../../spec/document.js';
import { ocrPage, unionBox } from '../page-builder.js';
import { objectsIn } from '../response-lists.js';
import { mapTextractPages, type TextractPageFrame, textractPageNumber } from './map-textract-response.js';
import { textOf } from './textract-blocks.js';
import { textractBox, textractConfidence } from './textract-geometry.js';

// Textract's own per-row field: the whole row's text, which the other columns already hold.
const ROW_FIELD = 'EXPENSE_ROW';

/** The pages of an AnalyzeExpense (or GetExpenseAnalysis) result, in page order. */
export function mapTextractExpense(
  documents: readonly ExpenseDocument[],
  frameOf: (responsePage: number) => TextractPageFrame,
): OcrPage[] {
  const expenseDocuments = objectsIn(documents);
  const textPages = new Map(
    mapTextractPages(uniqueBlocks(expenseDocuments), frameOf).map(({ responsePage, page }) => [
      responsePage,
      page,
    ]),
  );
  const fields = expenseDocuments.flatMap((d) => objectsIn(d.SummaryFields));
  const items = expenseDocuments.flatMap((d) => objectsIn(d.LineItemGroups)).map((group) => lineItems(group));
  // Results recorded without blocks still place their fields on pages.
  const responsePages = new Set([...textPages.keys(), ...fields.map(pageOf), ...items.flat().map(itemPage)]);
  return [...responsePages]
    .sort((a, b) => a - b)
    .map((responsePage) => {
      const page = textPages.get(responsePage) ?? ocrPage({ ...frameOf(responsePage), angle: 0, lines: [] });
      const tables = items
        .map((group) => group.filter((item) => itemPage(item) === responsePage))
        .filter((group) => group.length > 0)
        .map((group, i) => lineItemTable(group, page.pageNumber, i));
      const keyValues = fields.filter((field) => pageOf(field) === responsePage).map(summaryKeyValue);
      return { ...page, keyValues, tables };
    });
}

// Expense documents of one result can share pages, and so blocks.
function uniqueBlocks(documents: readonly ExpenseDocument[]): Block[] {
  const byId = new Map<string, Block>();
  for (const block of documents.flatMap((d) => objectsIn(d.Blocks)))
    byId.set(block.Id ?? String(byId.size), block);
  return [...byId.values()];
}

function pageOf(field: ExpenseField): number {
  return textractPageNumber(field.PageNumber, 'an expense field');
}

/** A summary field: keyed by the label printed on the page, else by Textract's normalised type (`TOTAL`). */
function summaryKeyValue(field: ExpenseField): OcrKeyValue {
  const label = field.LabelDetection;
  const value = field.ValueDetection;
  return {
    key: typeof label?.Text === 'string' ? label.Text : textOf(field.Type?.Text),
    value: textOf(value?.Text),
    ...(label?.Geometry === undefined ? {} : { keyBox: textractBox(label.Geometry) }),
    ...(value?.Geometry === undefined ? {} : { valueBox: textractBox(value.Geometry) }),
    ...(value?.Confidence === undefined ? {} : { confidence: textractConfidence(value.Confidence) }),
  };
}

function lineItems(group: LineItemGroup): ExpenseField[][] {
  return objectsIn(group.LineItems)
    .map((item) => objectsIn(item.LineItemExpenseFields))
    .filter((fields) => fields.length > 0);
}

function itemPage(fields: readonly ExpenseField[]): number {
  return pageOf(fields[0] ?? {});
}

function lineItemTable(items: readonly ExpenseField[][], pageNumber: number, tableIndex: number): OcrTable {
  const columns = [
    ...new Set(items.flatMap((fields) => fields.map(fieldType)).filter((type) => type !== ROW_FIELD)),
  ];
  const header = columns.map(
    (type, column): OcrTableCell => ({
      id: cellId(pageNumber, tableIndex, 0, column),
      rowIndex: 0,
      columnIndex: column,
      rowSpan: 1,
      columnSpan: 1,
      text: type,
      isHeader: true,
    }),
  );
  const body = items.flatMap((fields, item) =>
    columns.flatMap((type, column): OcrTableCell[] => {
      const value = fields.find((field) => fieldType(field) === type)?.ValueDetection;
      if (!value) return [];
      return [
        {
          id: cellId(pageNumber, tableIndex, item + 1, column),
          rowIndex: item + 1,
          columnIndex: column,
          rowSpan: 1,
          columnSpan: 1,
          text: textOf(value.Text),
          box: textractBox(value.Geometry),
          ...(value.Confidence === undefined ? {} : { confidence: textractConfidence(value.Confidence) }),
        },
      ];
    }),
  );
  const boxes = body.flatMap((cell) => (cell.box === undefined ? [] : [cell.box]));
  return {
    id: `p${pageNumber}-t${tableIndex}`,
    rowCount: items.length + 1,
    columnCount: columns.length,
    cells: [...header, ...body],
    ...(boxes.length === 0 ? {} : { box: unionBox(boxes) }),
  };
}

function fieldType(field: ExpenseField): string {
  const type = field.Type?.Text;
  return typeof type === 'string' ? type : 'OTHER';
}
