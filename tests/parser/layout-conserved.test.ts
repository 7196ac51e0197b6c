import { describe, expect, it } from 'vitest';
import type { OcrTable } from '../../src/index.js';
import { renderLayoutConserved } from '../../src/parser/layout-conserved.js';
import { ocrDocumentFromText } from '../../src/testing/index.js';
import { documentOf, ITEMS, invoicePage, line, linesWithCells, occurrences, page } from './ocr-page.js';
import { textractDocument } from './textract-page.js';

const render = (...pages: Parameters<typeof documentOf>) => renderLayoutConserved(documentOf(...pages)).text;

describe('LAYOUT_CONSERVED', () => {
  it('keeps columns and row alignment as a character grid', () => {
    const text = [
      'INVOICE                         INV-3337',
      '',
      'Item            Qty     Amount',
      'Widget          2       10.00',
      'Gadget          1        5.50',
    ].join('\n');
    expect(renderLayoutConserved(ocrDocumentFromText(text)).text).toBe(text);
  });

  it('keeps a two-column page side by side', () => {
    const text = [
      'The left column starts here and       The right column has its own',
      'runs on for a few lines of text       lines, which stand beside the',
      'before it ends.                       left ones on the page.',
    ].join('\n');
    expect(renderLayoutConserved(ocrDocumentFromText(text)).text).toBe(text);
  });

  it('keeps lines that share a baseline on one line even when their boxes sit at slightly different heights', () => {
    const text = render(
      page({ lines: [line('Total', 0.1, 0.5), line('93.50', 0.6, 0.506), line('Due', 0.1, 0.53)] }),
    );
    expect(text).toBe(`Total${' '.repeat(45)}93.50\nDue`);
  });

  it('keeps a big and a small font on one baseline on one line', () => {
    const lines = [line('INVOICE', 0.1, 0.1, { height: 0.04 }), line('No. 42', 0.5, 0.12, { height: 0.02 })];
    expect(render(page({ lines }))).toBe(`INVOICE${' '.repeat(33)}No. 42`);
  });

  it('drops the left margin, trailing spaces and runs of blank lines', () => {
    const lines = [line('Header ', 0.3, 0.1), line('Middle', 0.3, 0.5), line('Footer', 0.3, 0.9)];
    expect(render(page({ lines }))).toBe('Header\n\nMiddle\n\nFooter');
  });

  it('renders a blank page as empty text and separates pages with a form feed', () => {
    const parsed = renderLayoutConserved(ocrDocumentFromText(['first page', '', 'third page']));
    expect(parsed.pages.map((p) => p.text)).toEqual(['first page', '', 'third page']);
    expect(parsed.text).toBe('first page\f\fthird page');
    expect(parsed.method).toBe('layout-conserved');
  });

  it('renders a page without lines, or with only whitespace lines, as empty text', () => {
    expect(render(page(), page({ lines: [line('   ', 0.1, 0.1)] }))).toBe('\f');
  });

  it('never lets neighbours touch, and keeps two spaces between pieces that stood apart', () => {
    // Text much longer than its box, as with a condensed font: the grid would put the neighbours on top of it.
    const condensed = page({
      lines: [
        line('Condensed label', 0.1, 0.1, { width: 0.05 }),
        line('value', 0.17, 0.1),
        line('joined', 0.1, 0.2, { width: 0.02 }),
        line('text', 0.121, 0.2),
      ],
    });
    expect(render(condensed)).toBe('Condensed label  value\n\njoined text');
  });

  describe('an invoice', () => {
    it('with its line items as an OCR table prints every table row on one line, once, where the table stands', () => {
      const text = render(invoicePage({ table: true }));
      expect(text).toBe(
        [
          'ACME Corporation                                          INVOICE INV-3337',
          '',
          'Bill to: Globex Ltd                                       Date: 2024-03-31',
          '',
          'Description                 Qty  Unit price  Amount',
          'Consulting services, March  1    1,200.00    1,200.00',
          'Travel expenses (Berlin)    2    150.00      300.00',
          'Software licence            10   9.50        95.00',
          '                                             Total        1,595.00',
          '',
          'Thank you for your business.',
        ].join('\n'),
      );
    });

    it('with an OCR table that has no box places it where its cell lines were, without printing them twice', () => {
      const text = render(invoicePage({ table: true, box: false }));
      for (const row of ITEMS) expect(linesWithCells(text, row)).toHaveLength(1);
      for (const cell of ['Consulting services, March', 'Unit price', '1,200.00']) {
        expect(occurrences(text, cell)).toBe(cell === '1,200.00' ? 2 : 1);
      }
      expect(text.indexOf('Bill to')).toBeLessThan(text.indexOf('Description'));
      expect(text.indexOf('Software licence')).toBeLessThan(text.indexOf('Total'));
    });

    it('without OCR tables still prints each row on one line, cells in order and aligned in columns', () => {
      const text = render(invoicePage());
      const rows = ITEMS.map((row) => linesWithCells(text, row));
      for (const found of rows) expect(found).toHaveLength(1);
      // Columns start at the same position on every row although the cells' baselines differ slightly and
      // their text is wider than its box in median characters.
      const starts = ITEMS.map((row, index) => cellStarts(rows[index]?.[0] ?? '', row));
      for (const column of [1, 2, 3]) expect(new Set(starts.map((row) => row[column])).size).toBe(1);
    });
  });

  it('renders table spans: a cell over two columns, and one over two rows printed once', () => {
    const cell = (
      rowIndex: number,
      columnIndex: number,
      text: string,
      spans: { row?: number; column?: number } = {},
    ) => ({
      id: `t-r${rowIndex}-c${columnIndex}`,
      rowIndex,
      columnIndex,
      rowSpan: spans.row ?? 1,
      columnSpan: spans.column ?? 1,
      text,
    });
    const table: OcrTable = {
      id: 't',
      rowCount: 3,
      columnCount: 3,
      box: { left: 0.1, top: 0.1, width: 0.5, height: 0.1 },
      title: 'Quarterly figures',
      cells: [
        cell(0, 0, 'Region', { row: 2 }),
        cell(0, 1, 'Revenue and costs in EUR', { column: 2 }),
        cell(1, 1, 'Rev'),
        cell(1, 2, 'Cost'),
        cell(2, 0, 'North | West'),
        cell(2, 1, '10'),
        cell(2, 2, '7'),
      ],
    };
    expect(render(page({ tables: [table] }))).toBe(
      [
        'Quarterly figures',
        'Region        Revenue and costs in EUR',
        '              Rev  Cost',
        'North | West  10   7',
      ].join('\n'),
    );
  });

  it('shows selection marks as ☒ and ☐ next to their labels', () => {
    const marks = [
      { selected: true, box: { left: 0.1, top: 0.1, width: 0.015, height: 0.02 } },
      { selected: false, box: { left: 0.3, top: 0.1, width: 0.015, height: 0.02 } },
    ];
    const lines = [line('Paid', 0.12, 0.1), line('Unpaid', 0.32, 0.1)];
    expect(render(page({ lines, selectionMarks: marks }))).toBe('☒ Paid              ☐ Unpaid');
  });

  it('keeps the two columns of a real Textract page side by side', () => {
    const lines = renderLayoutConserved(
      textractDocument('multicol-test-document.png.AnalyzeDocument.json'),
    ).text.split('\n');
    const first = lines.findIndex((output) => output.startsWith('This section'));
    expect(lines.slice(first, first + 4)).toEqual([
      'This section has two columns,         A horizontally separate right',
      'with the intention to read the left   column.',
      'column fully before starting the',
      'right.                                This column has approximately',
    ]);
  });
});

/** Where each of `cells` starts in `output`, each searched after the one before. */
function cellStarts(output: string, cells: readonly string[]): number[] {
  let from = 0;
  return cells.map((cell) => {
    const at = output.indexOf(cell, from);
    from = at + cell.length;
    return at;
  });
}
