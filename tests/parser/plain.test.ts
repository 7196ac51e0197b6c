import { describe, expect, it } from 'vitest';
import { renderPlain } from '../../src/parser/plain.js';
import { ocrDocumentFromText } from '../../src/testing/index.js';
import { documentOf, ITEMS, invoicePage, line, occurrences, page } from './ocr-page.js';
import { textractDocument } from './textract-page.js';

const render = (...pages: Parameters<typeof documentOf>) => renderPlain(documentOf(...pages)).text;

describe('PLAIN', () => {
  it('reads a two-column page column by column, between the full-width lines above and below', () => {
    const doc = ocrDocumentFromText(
      [
        'Annual report 2024',
        '',
        'The left column starts here and       The right column has its own',
        'runs on for a few lines of text       lines, which stand beside the',
        'before it ends.                       left ones on the page.',
        '',
        'A closing line that spans the whole width of the page.',
      ].join('\n'),
    );
    expect(renderPlain(doc)).toMatchObject({
      method: 'plain',
      text: [
        'Annual report 2024',
        '',
        'The left column starts here and',
        'runs on for a few lines of text',
        'before it ends.',
        '',
        'The right column has its own',
        'lines, which stand beside the',
        'left ones on the page.',
        '',
        'A closing line that spans the whole width of the page.',
      ].join('\n'),
    });
  });

  it('reads labels and values row by row, a line each, since they are not running text', () => {
    const doc = ocrDocumentFromText(
      ['Invoice number:   INV-3337', 'Date:             2024-03-31', 'Bill to:          Globex Ltd'].join(
        '\n',
      ),
    );
    expect(renderPlain(doc).text).toBe('Invoice number:\nINV-3337\nDate:\n2024-03-31\nBill to:\nGlobex Ltd');
  });

  it('puts the page header first and the page footer last, by their layout roles', () => {
    const lines = [
      line('Body text in the middle.', 0.1, 0.5),
      line('Page 3', 0.45, 0.95),
      line('Confidential', 0.1, 0.93),
      line('ACME Corporation', 0.1, 0.03),
    ];
    const layout = [
      { role: 'pageHeader' as const, box: { left: 0, top: 0, width: 1, height: 0.08 } },
      { role: 'pageFooter' as const, box: { left: 0, top: 0.92, width: 0.4, height: 0.05 } },
      { role: 'pageNumber' as const, box: { left: 0.4, top: 0.94, width: 0.2, height: 0.04 } },
    ];
    // The provider listed the lines out of order; the roles put them back.
    expect(render(page({ lines, layout }))).toBe(
      'ACME Corporation\n\nBody text in the middle.\n\nConfidential\nPage 3',
    );
  });

  it('reads header and footer lines in place when the page has no layout roles', () => {
    const doc = ocrDocumentFromText(
      ['ACME Corporation                       Page 1 of 2', '', 'Body text.', '', 'Confidential'].join('\n'),
    );
    expect(renderPlain(doc).text).toBe('ACME Corporation\nPage 1 of 2\n\nBody text.\n\nConfidential');
  });

  it('separates paragraphs by one blank line, however large the gap', () => {
    const lines = [
      line('First paragraph,', 0.1, 0.1),
      line('second line.', 0.1, 0.13),
      line('Far below.', 0.1, 0.8),
    ];
    expect(render(page({ lines }))).toBe('First paragraph,\nsecond line.\n\nFar below.');
  });

  it('prints an invoice table given as an OCR table one row per line, cells joined by " | ", once', () => {
    const text = render(invoicePage({ table: true }));
    for (const row of ITEMS) expect(text.split('\n')).toContain(row.join(' | '));
    expect(occurrences(text, 'Travel expenses (Berlin)')).toBe(1);
    expect(text.indexOf('Globex')).toBeLessThan(text.indexOf('Description'));
    expect(text.indexOf('Software licence')).toBeLessThan(text.indexOf('Total'));
  });

  it('reads an invoice table without OCR tables row by row, a line per cell, cells in order', () => {
    const lines = render(invoicePage()).split('\n');
    const first = lines.indexOf('Description');
    expect(lines.slice(first, first + 16)).toEqual(ITEMS.flat());
  });

  it('joins a bullet or checkbox to the text beside it, but keeps a dash standing for an empty cell apart', () => {
    const lines = [
      line('•', 0.1, 0.1),
      line('Bullet set apart from its text', 0.13, 0.1),
      line('Discount', 0.1, 0.2),
      line('-', 0.4, 0.2),
      line('0.00', 0.6, 0.2),
    ];
    const selectionMarks = [{ selected: true, box: { left: 0.1, top: 0.3, width: 0.02, height: 0.02 } }];
    expect(render(page({ lines: [...lines, line('Paid', 0.14, 0.3)], selectionMarks }))).toBe(
      '• Bullet set apart from its text\n\nDiscount\n-\n0.00\n\n☒ Paid',
    );
  });

  it('renders empty pages as empty text', () => {
    expect(render(page(), page({ lines: [line('only page 2', 0.1, 0.1)] }), page())).toBe('\fonly page 2\f');
  });

  it('reads the multi-column Textract test page in its natural order', () => {
    const doc = textractDocument('multicol-test-document.png.AnalyzeDocument.json');
    expect(renderPlain(doc).text.split('\n')).toEqual([
      'Multi-column test document',
      '',
      'A sample document with multiple columns, to test logic for sorting',
      'Textract lines into natural reading order.',
      '',
      'This section has two columns,',
      'with the intention to read the left',
      'column fully before starting the',
      'right.',
      '',
      'The left column contains',
      'multiple paragraphs, with',
      'greater separation than lines',
      'within one paragraph.',
      '',
      'A horizontally separate right',
      'column.',
      '',
      'This column has approximately',
      'equivalent vertical position but',
      'different paragraph breaks.',
      '',
      'Correct processing should read',
      "it after the left column's content.",
      '',
      'A final footer section restores single-column layout, and should be',
      'read last. In the general sense, text reading order on a page is non-',
      'trivial and sometimes subjective. However, heuristics can give us a',
      'good start.',
    ]);
  });

  it('reads the two-column Textract test page with header and footer in its natural order', () => {
    const doc = textractDocument('twocol-header-footer-test-document.png.AnalyzeDocument.json');
    expect(renderPlain(doc).text.split('\n')).toEqual([
      'Left-aligned header',
      'right-aligned header',
      'With multiple lines',
      'CENTER-ALIGNED HEADER',
      'with multiple lines',
      '',
      'This page tests the capability to analyze and segment page headers and footers as separate elements from the main',
      'page content (like this paragraph). The Amazon Textract Response parser provides a basic implementation of this',
      'functionality using rule-based heuristics with some adjustable parameters. You could also consider different heuristics or',
      "machine learning model-based approaches, if more appropriate for your particular domain's documents.",
      '',
      'A section heading',
      '',
      'Many documents divide content into multiple sections (perhaps with a hierarchy of different levels).',
      '',
      'For our test document, adding subsections also helps consume vertical space since we need to write enough content',
      'for the total height of the page to be somewhat representative of real-world document proportions. In some cases',
      'different subsections of the document may even change the number of text columns in the layout.',
      '',
      'When a section of (LTR) text is presented in two',
      'columns, the intended reading order is typically to',
      'complete one column top-to-bottom, before starting to',
      'read the next.',
      '',
      'However due to the broad possibilities for laying out',
      'non-conventional documents and the nature of human',
      "visual attention, It's not precise (arguably, not even",
      'possible) to define an exact linear reading order for',
      'words on a richly formatted page.',
      '',
      'Depending on the use case, simple heuristics and/or',
      'ML model-based approaches may be appropriate.',
      '',
      'The Amazon Textract Response Parser aims to',
      'implement useful, generalisable parsing tools on which',
      'further (domain-specific) analyses can be built.',
      '',
      'This means it cannot solve for every edge case in',
      'layout analysis',
      '',
      'But at least sample documents like these can test some',
      'common, representative structures: Even if creating',
      'requires tackling the difficult task of writing about',
      'nothing in particular for an entire page of content.',
      '',
      'The included sample test documents are fully synthetic.',
      '',
      'After a two-column section, single-column order may sometimes be restored for follow-on content. This should appear',
      "after both columns' content in the estimated reading order.",
      '',
      'Another section',
      '',
      'Where does a header or footer end and main page content begin? To test whether a proposed implementation can',
      'reliably estimate that boundary, a synthetic example document like this can be useful.',
      '',
      'The actual content of the text is not particularly important, so long as the layout is representative of real-world',
      'documents and the models and approaches being tested are layout-based rather than using cues from the text or',
      'combining multiple signals (such as layout, text, and maybe even imagery) together.',
      '',
      'Even the representativeness of the layout need only be approximate, as different documents will represent different',
      'formatting choices such as margins, page size and shape, and separation between typographic elements.',
      '',
      'A final section',
      '',
      "In light of this variability, let's close the main content here and proceed to the footer. Not every document will have both",
      'a header and a footer, but this sample page will aim to exercise both functionalities.',
      '',
      'Left-aligned footer',
      'Multi-line centered',
      'Page of 1',
      'footer content',
    ]);
  });
});
