/**
 * Recorded Azure Form Recognizer **v2.x layout** results (`analyzeResult.readResults` / `pageResults`) as an
 * {@link OcrDocument}, so the heuristic benchmark can use them as OCR. docpipe's Azure adapter maps the
 * 2023/2024 API, whose shape differs; this converter is for the benchmark's legacy fixtures only.
 *
 * v2 polygons are 8 numbers (x1, y1, …, x4, y4) in the page's unit (inches for PDFs, pixels for images).
 */

import { cellId, lineId } from '../src/document/ocr-invariants.js';
import { polygonBox } from '../src/ocr/azure/page-geometry.js';
import { ocrPage, unionBox } from '../src/ocr/page-builder.js';
import type { OcrDocument, OcrLine, OcrPage, OcrTable } from '../src/spec/document.js';

interface V2Word {
  readonly text: string;
  readonly boundingBox: readonly number[];
  readonly confidence?: number;
}
interface V2Line {
  readonly text: string;
  readonly boundingBox: readonly number[];
  readonly words: readonly V2Word[];
}
interface V2SelectionMark {
  readonly boundingBox: readonly number[];
  readonly confidence?: number;
  readonly state: 'selected' | 'unselected';
}
interface V2ReadResult {
  readonly page: number;
  readonly angle: number;
  readonly width: number;
  readonly height: number;
  readonly unit: 'inch' | 'pixel';
  readonly lines: readonly V2Line[];
  readonly selectionMarks?: readonly V2SelectionMark[];
}
interface V2Cell {
  readonly rowIndex: number;
  readonly columnIndex: number;
  readonly rowSpan?: number;
  readonly columnSpan?: number;
  readonly text: string;
  readonly boundingBox: readonly number[];
  readonly confidence?: number;
  readonly isHeader?: boolean;
}
interface V2Table {
  readonly rows: number;
  readonly columns: number;
  readonly cells: readonly V2Cell[];
}
interface V2PageResult {
  readonly page: number;
  readonly tables?: readonly V2Table[];
}

/** The parts of a v2.x layout result the converter reads. */
export interface AzureV2LayoutResult {
  readonly analyzeResult: {
    readonly readResults: readonly V2ReadResult[];
    readonly pageResults?: readonly V2PageResult[];
  };
}

/**
 * The pages of a v2.x layout result: lines with their words, tables with their cells, and selection marks;
 * boxes as fractions of the page. v2 has no key-value pairs in a layout result.
 *
 * @example
 * ```ts
 * const ocr = azureV2LayoutToOcr(JSON.parse(await readFile('Invoice_1.pdf.layout.v2.1.json', 'utf8')));
 * ocr.pages[0]?.lines[0]?.text; // 'Contoso, Ltd.'
 * ```
 */
export function azureV2LayoutToOcr(result: AzureV2LayoutResult): OcrDocument {
  const tablesByPage = new Map(
    result.analyzeResult.pageResults?.map((page) => [page.page, page.tables ?? []]),
  );
  const pages = result.analyzeResult.readResults.map((read) =>
    mapPage(read, tablesByPage.get(read.page) ?? []),
  );
  return { provider: 'azure.form-recognizer-v2', pages };
}

function mapPage(read: V2ReadResult, tables: readonly V2Table[]): OcrPage {
  const size = { width: read.width, height: read.height };
  const boxOf = (polygon: readonly number[]) =>
    polygonBox(polygon as number[], size) ?? { left: 0, top: 0, width: 0, height: 0 };
  const lines: OcrLine[] = read.lines.map((line, index) => {
    const words = line.words.map((word) => ({
      text: word.text,
      box: boxOf(word.boundingBox),
      confidence: word.confidence ?? 1,
    }));
    return {
      id: lineId(read.page, index),
      text: line.text,
      box: boxOf(line.boundingBox),
      confidence: Math.min(1, ...words.map((word) => word.confidence)),
      words,
    };
  });
  const mappedTables: OcrTable[] = tables.map((table, tableIndex) => {
    const cells = table.cells.map((cell) => ({
      id: cellId(read.page, tableIndex, cell.rowIndex, cell.columnIndex),
      rowIndex: cell.rowIndex,
      columnIndex: cell.columnIndex,
      rowSpan: cell.rowSpan ?? 1,
      columnSpan: cell.columnSpan ?? 1,
      text: cell.text,
      box: boxOf(cell.boundingBox),
      ...(cell.confidence === undefined ? {} : { confidence: cell.confidence }),
      ...(cell.isHeader === undefined ? {} : { isHeader: cell.isHeader }),
    }));
    return {
      id: `p${read.page}-t${tableIndex}`,
      rowCount: table.rows,
      columnCount: table.columns,
      cells,
      box: unionBox(cells.map((cell) => cell.box)),
    };
  });
  return ocrPage({
    pageNumber: read.page,
    width: read.width,
    height: read.height,
    unit: read.unit,
    angle: read.angle,
    lines,
    tables: mappedTables,
    selectionMarks: (read.selectionMarks ?? []).map((mark) => ({
      selected: mark.state === 'selected',
      box: boxOf(mark.boundingBox),
      ...(mark.confidence === undefined ? {} : { confidence: mark.confidence }),
    })),
  });
}
