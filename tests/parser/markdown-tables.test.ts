/**
 * `MARKDOWN` output holds real GitHub pipe tables: every table here is found by parsing the output with a
 * markdown parser (marked), as a reader of the output would, not by comparing strings.
 */
import { readFileSync } from 'node:fs';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { loadDocument } from '../../src/document/load.js';
import type { OcrDocument, OcrTable } from '../../src/index.js';
import type { AnalyzeResult } from '../../src/ocr/azure/analyze-result.js';
import { mapAnalyzeResult } from '../../src/ocr/azure/map-analyze-result.js';
import { createPdfTextOcr } from '../../src/ocr/pdf-text/index.js';
import { mapTextractResult, type TextractResult } from '../../src/ocr/textract/map-textract-result.js';
import { renderMarkdown } from '../../src/parser/markdown.js';
import { recordedResponse } from '../support/textract-server.js';
import { documentOf, ITEMS, invoicePage, line, occurrences, page } from './ocr-page.js';
import { textractDocument } from './textract-page.js';

interface PipeTable {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** The tables a markdown parser finds in `markdown`, as the texts a reader sees in their cells. */
function pipeTables(markdown: string): PipeTable[] {
  const tables: PipeTable[] = [];
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type !== 'table') return;
    const table = token as Tokens.Table;
    tables.push({
      header: table.header.map((cell) => shownText(cell.tokens)),
      rows: table.rows.map((row) => row.map((cell) => shownText(cell.tokens))),
    });
  });
  return tables;
}

/** Inline tokens as the text they show: escapes resolved, emphasis and the like reduced to their text. */
function shownText(tokens: readonly Token[]): string {
  return tokens
    .map((token) =>
      'tokens' in token && token.tokens ? shownText(token.tokens) : (token as Tokens.Text).text,
    )
    .join('');
}

const fixture = (path: string) => new URL(`../fixtures/${path}`, import.meta.url);

function textractFixture(name: string): OcrDocument {
  const frame = (pageNumber: number) => ({ pageNumber, width: 1000, height: 1000, unit: 'pixel' as const });
  return {
    provider: 'aws.textract',
    pages: mapTextractResult(recordedResponse(name) as TextractResult, frame),
  };
}

function azureFixture(name: string): OcrDocument {
  const { analyzeResult } = JSON.parse(readFileSync(fixture(`azure-di/${name}`), 'utf8')) as {
    analyzeResult: AnalyzeResult;
  };
  return mapAnalyzeResult(analyzeResult, 'azure.document-intelligence');
}

const pdfText = createPdfTextOcr();

async function pdfMarkdown(path: string): Promise<string> {
  const { document } = await pdfText.recognize(await loadDocument(fixture(path)), {});
  return renderMarkdown(document).text;
}

describe('MARKDOWN pipe tables from the OCR provider’s tables', () => {
  it('renders a recorded Textract table at its place, header first, its words not repeated as text', () => {
    const text = renderMarkdown(
      textractFixture('sample-invoice.pdf.AnalyzeDocument.LAYOUT_TABLES_FORMS_SIGNATURES.json'),
    ).text;

    expect(pipeTables(text)).toContainEqual({
      header: ['Hrs/Qty', 'Service', 'Rate/Price', 'Adjust', 'Sub Total'],
      rows: [['1.00', 'Web Design This is a sample description...', '$85.00', '0.00%', '$85.00']],
    });
    expect(occurrences(text, 'This is a sample description')).toBe(1);
    // In reading order: the line items come after the addresses and before the bank details.
    expect(text.indexOf('| Hrs/Qty')).toBeGreaterThan(text.indexOf('Test Business'));
    expect(text.indexOf('| Hrs/Qty')).toBeLessThan(text.indexOf('ANZ Bank'));
  });

  it('renders Azure tables, from its cells or from the HTML tables of its own markdown', () => {
    const fromCells = pipeTables(
      renderMarkdown(
        azureFixture('bcgov-hr0081/form_image_0.prebuilt-layout.2024-11-30.text-keyValuePairs.json'),
      ).text,
    );
    const income = fromCells.find((table) => table.rows.some((row) => row[0] === 'Net Employment Income'));
    expect(income?.rows).toContainEqual(['Employment Insurance', '$ 7,833.49', '$ 6229.51']);

    const markdown = renderMarkdown(
      azureFixture('bcgov-hr0081/1_81.jpg.prebuilt-layout.2024-11-30.markdown.json'),
    );
    expect(markdown.text).not.toContain('<table');
    const tables = pipeTables(markdown.text);
    expect(tables).toHaveLength(3);
    expect(tables[0]?.header).toEqual(['Are you still in need of assistance?', '☒ Yes ☐ No']);
    // A header cell over several columns names each of them; a body cell over several is written once.
    expect(tables[1]?.header.slice(0, 3)).toEqual(['', 'Applicant Spouse', 'Applicant Spouse']);
    expect(tables[1]?.rows[0]?.slice(0, 3)).toEqual(['Any employment changes?', '☐ Yes', '']);
    expect(tables[2]?.rows).toContainEqual(['Employment Insurance', '$ 700.00', '$']);
  });
});

describe('MARKDOWN pipe tables from columns aligned in the layout', () => {
  it('finds the line items of a digital invoice read by pdf-text, every product a row', async () => {
    const truth = JSON.parse(readFileSync(fixture('pdfs/gpt4v-invoice.pdf.Extraction.json'), 'utf8')) as {
      Products: { Id: string; Description: string; Quantity: number; Total: number }[];
    };
    const tables = pipeTables(await pdfMarkdown('pdfs/gpt4v-invoice.pdf'));

    const items = tables.filter((table) => table.header[0] === 'Item Code');
    expect(items.map((table) => table.header)).toContainEqual([
      'Item Code',
      'Item Desc.',
      'Unit Price',
      'Quantity',
      'Total',
    ]);
    const rows = items.flatMap((table) => table.rows);
    for (const product of truth.Products) {
      const row = rows.find((cells) => cells[0] === product.Id);
      expect(row, product.Id).toBeDefined();
      expect(row?.[1]).toBe(product.Description);
      expect(Number(row?.[row.length - 1])).toBe(product.Total);
    }
    // A description running up to the next column stays apart from the unit price beside it.
    expect(rows).toContainEqual(['ES40', 'SHIP. LABEL 54x101mm', '136.00', '1', '136.00']);
  });

  it('keeps a header set left over an amount set right in one column', async () => {
    expect(pipeTables(await pdfMarkdown('pdfs/contoso-invoice-1.pdf'))).toEqual([
      {
        header: ['Invoice Number', 'Invoice Date', 'Invoice Due Date', 'Charges', 'VAT ID'],
        rows: [['34278587', '6/18/2017', '6/24/2017', '$56,651.49', 'PT']],
      },
    ]);
  });

  it('joins a cell’s wrapped lines into its row, and takes no address beside labelled values for a table', async () => {
    expect(pipeTables(await pdfMarkdown('textract/sample-invoice.pdf'))).toEqual([
      {
        header: ['Hrs/Qty', 'Service', 'Rate/Price', 'Adjust', 'Sub Total'],
        rows: [['1.00', 'Web Design This is a sample description...', '$85.00', '0.00%', '$85.00']],
      },
    ]);
  });

  it('splits a line an OCR engine read across a table’s empty middle at its wide word gap', () => {
    // Tesseract reads "Description … Quantity" as one line; its word boxes show the cells.
    const wordsOf = (texts: readonly [string, number][], top: number) =>
      texts.map(([text, left]) => ({
        text,
        box: { left, top, width: text.length * 0.01, height: 0.02 },
        confidence: 1,
      }));
    const merged = (texts: readonly [string, number][], top: number) => {
      const words = wordsOf(texts, top);
      const last = words.at(-1)?.box;
      const width = (last?.left ?? 0) + (last?.width ?? 0) - 0.06;
      return { ...line(texts.map(([text]) => text).join(' '), 0.06, top, { width }), words };
    };
    const lines = [
      merged(
        [
          ['Description', 0.06],
          ['Quantity', 0.5],
        ],
        0.3,
      ),
      line('Unit Price', 0.65, 0.3),
      line('Amount', 0.8, 0.3),
      merged(
        [
          ['Product', 0.06],
          ['1', 0.135],
          ['2', 0.55],
        ],
        0.33,
      ),
      line('$106.04', 0.65, 0.33),
      line('$212.08', 0.8, 0.33),
    ];
    expect(pipeTables(renderMarkdown(documentOf(page({ lines }))).text)).toEqual([
      {
        header: ['Description', 'Quantity', 'Unit Price', 'Amount'],
        rows: [['Product 1', '2', '$106.04', '$212.08']],
      },
    ]);
  });

  it('turns rows on shared baselines into a table, leaving the total and the text around it out', () => {
    const text = renderMarkdown(documentOf(invoicePage())).text;

    expect(pipeTables(text)).toEqual([{ header: ITEMS[0], rows: ITEMS.slice(1) }]);
    expect(text).toContain('\n\nTotal | 1,595.00\n\n');
    expect(occurrences(text, 'Software licence')).toBe(1);
  });
});

describe('MARKDOWN without tables', () => {
  it('makes no table of paragraphs, a two-column page or key-value blocks', async () => {
    const formRows = [
      ['Name:', 'Jane Doe', 'Date:', '2024-03-31'],
      ['Phone:', '555-0100', 'Case:', 'FA-2601'],
      ['City:', 'Victoria', 'Zip:', 'V9A 6K2'],
    ];
    const form = page({
      lines: formRows.flatMap((cells, row) =>
        cells.map((cell, column) => line(cell, 0.1 + column * 0.2, 0.1 + row * 0.03)),
      ),
    });
    const prose = page({
      lines: [
        line('The supplier provides consulting services to the customer.', 0.1, 0.1),
        line('Fees are due within 30 days of the invoice date.', 0.1, 0.13),
      ],
    });

    expect(pipeTables(renderMarkdown(documentOf(form, prose)).text)).toEqual([]);
    expect(
      pipeTables(renderMarkdown(textractDocument('multicol-test-document.png.AnalyzeDocument.json')).text),
    ).toEqual([]);
    const report = (await pdfMarkdown('pdfs/bcgov-monthly-report.pdf')).split('\f');
    expect(pipeTables(report[0] ?? '')).toEqual([]);
  });

  it('makes no heading of a big number or of a label with its value, however tall', () => {
    const lines = [
      line('Results', 0.1, 0.05, { height: 0.03 }),
      line('1,595.00', 0.1, 0.1, { height: 0.03 }),
      line('Phone: 555-0100', 0.1, 0.2, { height: 0.03 }),
      ...['Revenue grew in every region.', 'Costs stayed flat.', 'Margins rose.', 'Staff grew.'].map(
        (text, index) => line(text, 0.1, 0.3 + index * 0.1),
      ),
    ];
    const headings = marked
      .lexer(renderMarkdown(documentOf(page({ lines }))).text)
      .filter((token) => token.type === 'heading');
    expect(headings.map((token) => (token as Tokens.Heading).text)).toEqual(['Results']);
  });
});

describe('MARKDOWN pages', () => {
  it('keep a table at the end of a page apart from the next page’s first line', () => {
    const itemsOnly = page({ tables: invoicePage({ table: true }).tables });
    const text = renderMarkdown(documentOf(itemsOnly, page({ lines: [line('Terms', 0.1, 0.1)] }))).text;
    expect(pipeTables(text)).toEqual([{ header: ITEMS[0], rows: ITEMS.slice(1) }]);
    expect(marked.lexer(text).some((token) => token.type === 'paragraph' && token.text === 'Terms')).toBe(
      true,
    );
  });
});

describe('MARKDOWN table cells', () => {
  it('keep a pipe, a backslash before it and a line break in one cell', () => {
    const table: OcrTable = {
      id: 't0',
      rowCount: 2,
      columnCount: 2,
      cells: [
        { id: 'a', rowIndex: 0, columnIndex: 0, rowSpan: 1, columnSpan: 1, text: 'Code' },
        { id: 'b', rowIndex: 0, columnIndex: 1, rowSpan: 1, columnSpan: 1, text: 'Meaning' },
        { id: 'c', rowIndex: 1, columnIndex: 0, rowSpan: 1, columnSpan: 1, text: 'A|B \\|C' },
        { id: 'd', rowIndex: 1, columnIndex: 1, rowSpan: 1, columnSpan: 1, text: 'either\nor' },
      ],
    };
    expect(pipeTables(renderMarkdown(documentOf(page({ tables: [table] }))).text)).toEqual([
      { header: ['Code', 'Meaning'], rows: [['A|B \\|C', 'either or']] },
    ]);
  });

  it('keep a pipe read in a line of an aligned table in its cell', () => {
    const rows = [
      ['Part', 'Size | colour', 'Qty', 'Price'],
      ['Bolt', 'M6 | black', '20', '4.00'],
      ['Nut', 'M6 | zinc', '40', '2.40'],
    ];
    const lines = rows.flatMap((cells, row) =>
      cells.map((cell, column) => line(cell, [0.1, 0.3, 0.6, 0.75][column] ?? 0, 0.2 + row * 0.03)),
    );
    expect(pipeTables(renderMarkdown(documentOf(page({ lines }))).text)).toEqual([
      { header: rows[0], rows: rows.slice(1) },
    ]);
  });
});
