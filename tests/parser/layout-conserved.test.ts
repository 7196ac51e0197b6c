import { describe, expect, it } from 'vitest';
import type { OcrDocument, OcrLine } from '../../src/index.js';
import { renderLayoutConserved } from '../../src/parser/layout-conserved.js';
import { renderPlain } from '../../src/parser/plain.js';
import { ocrDocumentFromText } from '../../src/testing/index.js';

function line(text: string, left: number, top: number, width = text.length * 0.01, height = 0.02): OcrLine {
  return { id: `l-${text}`, text, box: { left, top, width, height }, confidence: 1 };
}

function page(lines: OcrLine[]): OcrDocument {
  return {
    provider: 'test',
    pages: [
      {
        pageNumber: 1,
        width: 8.5,
        height: 11,
        unit: 'inch',
        angle: 0,
        lines,
        words: 0,
        tables: [],
        keyValues: [],
        selectionMarks: [],
        layout: [],
      },
    ],
  };
}

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

  it('keeps lines that share a baseline on one line even when their boxes sit at slightly different heights', () => {
    const doc = page([line('Total', 0.1, 0.5), line('93.50', 0.6, 0.506), line('Due', 0.1, 0.53)]);
    expect(renderLayoutConserved(doc).text).toBe(
      'Total                                             93.50\nDue',
    );
  });

  it('drops the left margin, trailing spaces and runs of blank lines', () => {
    const doc = page([line('Header', 0.3, 0.1), line('Footer', 0.3, 0.9)]);
    expect(renderLayoutConserved(doc).text).toBe('Header\n\nFooter');
  });

  it('renders a blank page as empty text and separates pages with a form feed', () => {
    const doc = ocrDocumentFromText(['first page', '', 'third page']);
    const parsed = renderLayoutConserved(doc);
    expect(parsed.pages.map((p) => p.text)).toEqual(['first page', '', 'third page']);
    expect(parsed.text).toBe('first page\f\fthird page');
    expect(parsed.method).toBe('layout-conserved');
  });
});

describe('PLAIN', () => {
  it('gives the lines in the provider’s reading order', () => {
    const doc = page([
      line('Title', 0.4, 0.1),
      line('left column', 0.1, 0.2),
      line('right column', 0.6, 0.2),
    ]);
    expect(renderPlain(doc)).toMatchObject({ method: 'plain', text: 'Title\nleft column\nright column' });
  });
});
