import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import type { OcrFeature } from '../../../src/index.js';
import { resolveParser } from '../../../src/parser/index.js';
import type { OcrDocument, OcrPage } from '../../../src/spec/document.js';
import { validateOcrDocument } from '../../../src/testing/index.js';
import { inOrder } from '../../support/in-order.js';
import {
  recordedResponse,
  replay,
  startTextractServer,
  type TextractServer,
} from '../../support/textract-server.js';
import { blockCounts, pageResponse, recordedBlocks, textractAt } from './textract-fixtures.js';

const FIXTURES = new URL('../../fixtures/', import.meta.url);
const load = (path: string) => loadDocument(new URL(path, FIXTURES));

let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function countsOf(page: OcrPage) {
  return {
    lines: page.lines.length,
    words: page.words,
    tables: page.tables.map((table) => `${table.rowCount}×${table.columnCount}`),
    keyValues: page.keyValues.length,
    selectionMarks: page.selectionMarks.length,
  };
}

const QUERIES = ['What is the name of the package?', 'What is the title of the document?'];

const CASES: readonly {
  readonly document: string;
  readonly response: string;
  readonly api: string;
  readonly features: readonly OcrFeature[];
  readonly queries?: readonly string[];
}[] = [
  {
    document: 'documents/single-page-1.png',
    response: 'single-page-1.png.DetectDocumentText.json',
    api: 'DetectDocumentText',
    features: [],
  },
  {
    document: 'documents/single-page-1.png',
    response: 'single-page-1.png.AnalyzeDocument.FORMS_TABLES.json',
    api: 'AnalyzeDocument',
    features: ['FORMS', 'TABLES'],
  },
  {
    document: 'documents/single-page-1.png',
    response: 'single-page-1.png.AnalyzeDocument.QUERIES.json',
    api: 'AnalyzeDocument',
    features: ['QUERIES'],
    queries: QUERIES,
  },
  {
    document: 'textract/paystub.jpg',
    response: 'paystub.jpg.AnalyzeDocument.LAYOUT_TABLES_FORMS.json',
    api: 'AnalyzeDocument',
    features: ['LAYOUT', 'TABLES', 'FORMS'],
  },
  {
    document: 'textract/sample-invoice.pdf',
    response: 'sample-invoice.pdf.AnalyzeDocument.LAYOUT_TABLES_FORMS_SIGNATURES.json',
    api: 'AnalyzeDocument',
    features: ['LAYOUT', 'TABLES', 'FORMS', 'SIGNATURES'],
  },
];

async function recognizeReplay(testCase: (typeof CASES)[number]): Promise<OcrDocument> {
  server.answer(testCase.api, replay(testCase.response));
  const ocr = textractAt(server.endpoint, { features: testCase.features, queries: testCase.queries ?? [] });
  const { document } = await ocr.recognize(await load(testCase.document), {});
  return document;
}

describe('the textract provider replaying recorded responses', () => {
  for (const testCase of CASES) {
    it(`maps every block of ${testCase.response}`, async () => {
      const document = await recognizeReplay(testCase);

      expect(validateOcrDocument(document)).toEqual([]);
      expect(document.pages.map(countsOf)).toEqual(blockCounts(recordedBlocks(testCase.response)));
    });

    it(`asks ${testCase.api} for the features of ${testCase.response}`, async () => {
      await recognizeReplay(testCase);

      expect(server.requests.map((request) => request.api)).toEqual([testCase.api]);
      const [request] = server.requests;
      expect(new Set(request?.body.FeatureTypes as string[] | undefined)).toEqual(
        new Set(testCase.features.length === 0 ? [] : testCase.features),
      );
      expect(request?.headers.authorization).toBeUndefined();
      if (testCase.queries !== undefined) {
        expect(request?.body.QueriesConfig).toEqual({ Queries: testCase.queries.map((Text) => ({ Text })) });
      }
    });
  }

  it('keeps query answers as key-values keyed by the question', async () => {
    const document = await recognizeReplay(CASES[2] as (typeof CASES)[number]);

    expect(document.pages[0]?.keyValues.map(({ key, value }) => ({ key, value }))).toEqual([
      { key: 'What is the name of the package?', value: 'Textractor' },
      { key: 'What is the title of the document?', value: 'Textractor Test Document' },
    ]);
  });

  it('sizes image pages in pixels and PDF pages in points', async () => {
    const image = await recognizeReplay(CASES[0] as (typeof CASES)[number]);
    const pdf = await recognizeReplay(CASES[4] as (typeof CASES)[number]);

    expect(image.pages[0]).toMatchObject({ width: 1226, height: 1514, unit: 'pixel', angle: 0 });
    expect(pdf.pages[0]).toMatchObject({ unit: 'point', angle: 0 });
  });

  it('maps layout blocks, table headers, titles and footers', async () => {
    const invoice = await recognizeReplay(CASES[4] as (typeof CASES)[number]);
    const paystub = await recognizeReplay(CASES[3] as (typeof CASES)[number]);

    const roles = new Set(invoice.pages[0]?.layout.map((block) => block.role));
    expect(roles).toEqual(
      new Set([
        'figure',
        'pageHeader',
        'title',
        'sectionHeading',
        'paragraph',
        'table',
        'pageFooter',
        'pageNumber',
      ]),
    );
    expect(paystub.pages[0]?.tables.some((table) => table.footer !== undefined)).toBe(true);
    const spans = paystub.pages[0]?.tables
      .flatMap((t) => t.cells)
      .filter((c) => c.rowSpan > 1 || c.columnSpan > 1);
    expect(spans).toHaveLength(4);
  });

  for (const testCase of [CASES[3], CASES[4]] as (typeof CASES)[number][]) {
    it(`keeps every table row of ${testCase.document} on one line of the layout-conserved text`, async () => {
      const document = await recognizeReplay(testCase);

      const text = resolveParser('layout-conserved')(document).text;
      const lines = text.split('\n');
      const tables = document.pages.flatMap((page) => page.tables);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) {
        for (let row = 0; row < table.rowCount; row++) {
          const cells = table.cells
            .filter((cell) => cell.rowIndex === row && cell.rowSpan === 1 && cell.text !== '')
            .sort((a, b) => a.columnIndex - b.columnIndex)
            .map((cell) => cell.text);
          if (cells.length === 0) continue;
          expect(
            lines.some((line) => inOrder(line, cells)),
            `row ${row} of ${table.id}: ${cells.join(' | ')}`,
          ).toBe(true);
        }
      }
    });
  }

  for (const [document, response] of [
    ['documents/receipt.jpg', 'receipt.jpg.AnalyzeExpense.json'],
    ['textract/default_invoice_1.png', 'default_invoice_1.png.AnalyzeExpense.json'],
  ] as const) {
    it(`maps ${response} into key-values and a line-item table`, async () => {
      server.answer('AnalyzeExpense', replay(response));
      const ocr = textractAt(server.endpoint, { model: 'expense' });

      const result = await ocr.recognize(await load(document), {});

      const [expense] = recordedResponse(response).ExpenseDocuments as {
        SummaryFields: unknown[];
        LineItemGroups: { LineItems: unknown[] }[];
        Blocks?: { BlockType: string }[];
      }[];
      const page = result.document.pages[0] as OcrPage;
      expect(validateOcrDocument(result.document)).toEqual([]);
      expect(ocr.modelId).toBe('textract/AnalyzeExpense');
      expect(server.requests[0]?.api).toBe('AnalyzeExpense');
      expect(page.keyValues).toHaveLength(expense?.SummaryFields.length ?? -1);
      expect(page.lines).toHaveLength(expense?.Blocks?.filter((b) => b.BlockType === 'LINE').length ?? 0);
      expect(page.tables.map((table) => table.rowCount)).toEqual(
        expense?.LineItemGroups.map((group) => group.LineItems.length + 1),
      );
      const header = page.tables[0]?.cells.filter((cell) => cell.isHeader).map((cell) => cell.text);
      expect(header).toContain('ITEM');
      expect(header).toContain('PRICE');
      expect(result.usage).toEqual({ pages: 1, costUsd: 0.01 });
    });
  }

  it('splits a 2-page PDF into single-page requests and merges the answers in page order', async () => {
    const response = 'textractor-multipage-doc.pdf.GetDocumentAnalysis.FORMS_TABLES.json';
    server.answer(
      'AnalyzeDocument',
      { json: pageResponse(response, 1) },
      { json: pageResponse(response, 2) },
    );
    // One lane, so the server's answers (by call order) meet the pages in order.
    const ocr = textractAt(server.endpoint, { features: ['TABLES', 'FORMS'], concurrency: 1 });
    const progress: [number, number][] = [];

    const result = await ocr.recognize(await load('documents/textractor-multipage-doc.pdf'), {
      onProgress: (done, total) => progress.push([done, total]),
    });

    expect(validateOcrDocument(result.document)).toEqual([]);
    expect(result.document.pages.map((page) => page.pageNumber)).toEqual([1, 2]);
    expect(result.document.pages.map(countsOf)).toEqual(blockCounts(recordedBlocks(response)));
    expect(
      result.document.pages.map((page) => page.lines.find((l) => l.text.startsWith('Page'))?.text),
    ).toEqual(['Page (1)', 'Page (2)']);
    expect(result.document.pages[1]?.lines[0]?.id).toBe('p2-l0');
    expect(result.document.pages[1]?.tables[0]?.cells[0]?.id).toBe('p2-t0-r0-c0');
    expect(progress).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(result.usage).toEqual({ pages: 2, costUsd: 0.13 });
    for (const request of server.requests) {
      const single = await PDFDocument.load(request.documentBytes as Uint8Array);
      expect(single.getPageCount()).toBe(1);
    }
  });

  it('sends only the pages asked for', async () => {
    const response = 'textractor-multipage-doc.pdf.GetDocumentTextDetection.json';
    server.answer('DetectDocumentText', { json: pageResponse(response, 2) });
    const ocr = textractAt(server.endpoint);

    const result = await ocr.recognize(await load('documents/textractor-multipage-doc.pdf'), { pages: [2] });

    expect(server.requests).toHaveLength(1);
    expect(result.document.pages.map((page) => page.pageNumber)).toEqual([2]);
    expect(result.usage).toEqual({ pages: 1, costUsd: 0.0015 });
  });
});
