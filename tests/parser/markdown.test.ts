import { describe, expect, it } from 'vitest';
import type { OcrTable, OcrTableCell } from '../../src/index.js';
import { renderMarkdown } from '../../src/parser/markdown.js';
import { documentOf, invoicePage, line, occurrences, page } from './ocr-page.js';
import { textractDocument } from './textract-page.js';

const render = (...pages: Parameters<typeof documentOf>) => renderMarkdown(documentOf(...pages)).text;

function cell(
  rowIndex: number,
  columnIndex: number,
  text: string,
  more: Partial<OcrTableCell> = {},
): OcrTableCell {
  return {
    id: `t-r${rowIndex}-c${columnIndex}`,
    rowIndex,
    columnIndex,
    rowSpan: 1,
    columnSpan: 1,
    text,
    ...more,
  };
}

describe('MARKDOWN', () => {
  it('turns layout roles into headings and joins wrapped lines into paragraphs, hyphenated words whole', () => {
    const lines = [
      line('Service Agreement', 0.1, 0.05),
      line('1. Scope', 0.1, 0.12),
      line('The supplier provides consulting', 0.1, 0.16),
      line('services to the customer in a long-', 0.1, 0.19),
      line('term engagement (annex A).', 0.1, 0.22),
      line('Fees are due within 30 days.', 0.1, 0.3),
    ];
    const layout = [
      { role: 'title' as const, box: { left: 0.05, top: 0.04, width: 0.5, height: 0.04 } },
      { role: 'sectionHeading' as const, box: { left: 0.05, top: 0.11, width: 0.5, height: 0.04 } },
    ];
    expect(renderMarkdown(documentOf(page({ lines, layout })))).toMatchObject({
      method: 'markdown',
      text: [
        '# Service Agreement',
        '## 1. Scope',
        'The supplier provides consulting services to the customer in a long-term engagement (annex A).',
        'Fees are due within 30 days.',
      ].join('\n\n'),
    });
  });

  it('finds headings without roles: a short line standing alone, taller than the page’s lines', () => {
    const lines = [
      line('Quarterly Report', 0.1, 0.05, { height: 0.045 }),
      line('Results', 0.1, 0.12, { height: 0.03 }),
      line('Revenue grew in every region this quarter,', 0.1, 0.17),
      line('led by the north.', 0.1, 0.2),
      line('Costs stayed flat.', 0.1, 0.23),
    ];
    expect(render(page({ lines }))).toBe(
      '# Quarterly Report\n\n## Results\n\nRevenue grew in every region this quarter, led by the north. Costs stayed flat.',
    );
  });

  it('turns bullets and numbered or lettered items into markdown lists, joining wrapped items', () => {
    const texts = ['• First point', 'that wraps', '- Second point', '* Third point', '◦ Fourth', '▪ Fifth'];
    const ordered = ['1. One', '2) Two', 'a) Alpha', 'b) Beta'];
    const lines = [
      ...texts.map((text, index) => line(text, text === 'that wraps' ? 0.12 : 0.1, 0.1 + index * 0.03)),
      line('Then a paragraph.', 0.1, 0.35),
      ...ordered.map((text, index) => line(text, 0.1, 0.45 + index * 0.03)),
    ];
    expect(render(page({ lines }))).toBe(
      [
        '- First point that wraps\n- Second point\n- Third point\n- Fourth\n- Fifth',
        'Then a paragraph.',
        '1. One\n2. Two\n1. Alpha\n2. Beta',
      ].join('\n\n'),
    );
  });

  it('renders an OCR table as a pipe table where it stands, without repeating its lines', () => {
    const text = render(invoicePage({ table: true }));
    expect(text).toBe(
      [
        'ACME Corporation | INVOICE INV-3337',
        'Bill to: Globex Ltd | Date: 2024-03-31',
        [
          '| Description | Qty | Unit price | Amount |',
          '|---|---|---|---|',
          '| Consulting services, March | 1 | 1,200.00 | 1,200.00 |',
          '| Travel expenses (Berlin) | 2 | 150.00 | 300.00 |',
          '| Software licence | 10 | 9.50 | 95.00 |',
        ].join('\n'),
        'Total | 1,595.00',
        'Thank you for your business.',
      ].join('\n\n'),
    );
    expect(occurrences(text, 'Software licence')).toBe(1);
  });

  it('takes the first row as the header when no cell is marked, escapes pipes and spans headers', () => {
    const plain: OcrTable = {
      id: 't0',
      rowCount: 2,
      columnCount: 2,
      title: 'Codes',
      cells: [cell(0, 0, 'Code'), cell(0, 1, 'Meaning'), cell(1, 0, 'A|B'), cell(1, 1, 'either\nor')],
    };
    const spanning: OcrTable = {
      id: 't1',
      rowCount: 3,
      columnCount: 3,
      cells: [
        cell(0, 0, 'Region', { isHeader: true, rowSpan: 2 }),
        cell(0, 1, '2024', { isHeader: true, columnSpan: 2 }),
        cell(1, 1, 'Q1', { isHeader: true }),
        cell(1, 2, 'Q2', { isHeader: true }),
        cell(2, 0, 'North'),
        cell(2, 1, '10'),
        cell(2, 2, '12'),
      ],
    };
    const pages = renderMarkdown(documentOf(page({ tables: [plain] }), page({ tables: [spanning] }))).pages;
    expect(pages.map((parsed) => parsed.text)).toEqual([
      'Codes\n\n| Code | Meaning |\n|---|---|\n| A\\|B | either or |',
      '| Region | 2024 Q1 | 2024 Q2 |\n|---|---|---|\n| North | 10 | 12 |',
    ]);
  });

  it('renders key-value pairs as a list where their key stands, and selection marks as ☒ and ☐', () => {
    const lines = [
      line('Application form', 0.1, 0.05),
      line('Name:', 0.1, 0.15),
      line('Jane Doe', 0.3, 0.15),
      line('Married', 0.13, 0.25),
      line('Has children', 0.43, 0.25),
    ];
    const keyValues = [
      {
        key: 'Name:',
        value: 'Jane Doe',
        keyBox: { left: 0.1, top: 0.15, width: 0.05, height: 0.02 },
        valueBox: { left: 0.3, top: 0.15, width: 0.08, height: 0.02 },
      },
    ];
    const selectionMarks = [
      { selected: true, box: { left: 0.1, top: 0.25, width: 0.02, height: 0.02 } },
      { selected: false, box: { left: 0.4, top: 0.25, width: 0.02, height: 0.02 } },
    ];
    expect(render(page({ lines, keyValues, selectionMarks }))).toBe(
      'Application form\n\n- **Name**: Jane Doe\n\n☒ Married | ☐ Has children',
    );
  });

  it('uses the provider’s own markdown as it is, split at its page breaks', () => {
    const markdown = '# Invoice\n\nINV-3337\n\n<!-- PageBreak -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n';
    const doc = { ...documentOf(page({ lines: [line('ignored', 0.1, 0.1)] }), page()), markdown };
    expect(renderMarkdown(doc)).toEqual({
      method: 'markdown',
      // Blank lines around the form feed, or the table would read as part of the paragraph before it.
      text: '# Invoice\n\nINV-3337\n\n\f\n\n| a | b |\n|---|---|\n| 1 | 2 |',
      pages: [
        { pageNumber: 1, text: '# Invoice\n\nINV-3337' },
        { pageNumber: 2, text: '| a | b |\n|---|---|\n| 1 | 2 |' },
      ],
    });
  });

  it('takes the provider’s markdown without page breaks as one page, and renders the pages when it is blank', () => {
    const pages = documentOf(page({ lines: [line('From the page', 0.1, 0.1)] }), page());
    expect(renderMarkdown({ ...pages, markdown: '# All pages\n\ntext' }).pages).toEqual([
      { pageNumber: 1, text: '# All pages\n\ntext' },
    ]);
    expect(renderMarkdown({ ...pages, markdown: ' \n' }).text).toBe('From the page\n\n\f\n\n');
  });

  it('renders empty pages as empty text', () => {
    expect(render(page(), page())).toBe('\n\n\f\n\n');
  });

  it('reads a real two-column Textract page column by column, the title as a heading', () => {
    const text = renderMarkdown(textractDocument('multicol-test-document.png.AnalyzeDocument.json')).text;
    expect(text.split('\n\n').slice(0, 5)).toEqual([
      '# Multi-column test document',
      'A sample document with multiple columns, to test logic for sorting Textract lines into natural reading order.',
      'This section has two columns, with the intention to read the left column fully before starting the right.',
      'The left column contains multiple paragraphs, with greater separation than lines within one paragraph.',
      'A horizontally separate right column.',
    ]);
  });
});
