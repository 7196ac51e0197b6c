/**
 * Whatever Textract answers — random blocks, or recorded responses with fields broken — the mapper returns
 * pages that keep the model's invariants, or throws a ProviderError saying the response is malformed.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TextractPageFrame } from '../../../src/ocr/textract/map-textract-response.js';
import { mapTextractResult, type TextractResult } from '../../../src/ocr/textract/map-textract-result.js';
import { pdfFrame } from '../../../src/ocr/textract/page-frames.js';
import { openSplittablePdf } from '../../../src/ocr/textract/pdf-pages.js';
import type { OcrDocument } from '../../../src/spec/document.js';
import { ProviderError } from '../../../src/spec/errors.js';
import { expectMapperContract, junk, mostly, mostlyIn, mutationsOf } from '../../support/hostile-json.js';
import { recordedResponse } from '../../support/textract-server.js';

const PROVIDER = 'aws.textract';

const frameOf = (pageNumber: number): TextractPageFrame => ({
  pageNumber,
  width: 1000,
  height: 800,
  unit: 'pixel',
});

function mapped(response: unknown, frames = frameOf): OcrDocument {
  return { provider: PROVIDER, pages: mapTextractResult(response as TextractResult, frames) };
}

// A few ids, so that relationships often point at real blocks: themselves, each other in cycles, or a block
// that another with the same id has replaced.
const IDS = ['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6', 'b7'] as const;

const BLOCK_TYPES = [
  'PAGE',
  'LINE',
  'WORD',
  'TABLE',
  'CELL',
  'MERGED_CELL',
  'TABLE_TITLE',
  'TABLE_FOOTER',
  'KEY_VALUE_SET',
  'QUERY',
  'QUERY_RESULT',
  'SELECTION_ELEMENT',
  'SIGNATURE',
  'LAYOUT_TITLE',
  'LAYOUT_SECTION_HEADER',
  'LAYOUT_TEXT',
  'LAYOUT_LIST',
  'LAYOUT_TABLE',
  'LAYOUT_FIGURE',
  'LAYOUT_HEADER',
  'LAYOUT_FOOTER',
  'LAYOUT_PAGE_NUMBER',
  'LAYOUT_KEY_VALUE',
] as const;

const RELATIONSHIP_TYPES = [
  'CHILD',
  'VALUE',
  'ANSWER',
  'MERGED_CELL',
  'TABLE',
  'TABLE_TITLE',
  'TABLE_FOOTER',
  'TITLE',
] as const;

const idRef = mostly(fc.constantFrom(...IDS), 10);

// Mostly on pages 1-3 (or unnumbered, as synchronous answers are), now and then on no page there can be.
const pageNumber = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 8, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: junk },
);

const point = mostly(fc.record({ X: mostlyIn(-0.1, 1.1), Y: mostlyIn(-0.1, 1.1) }, { requiredKeys: [] }));

const geometry = mostly(
  fc.record(
    {
      BoundingBox: mostly(
        fc.record(
          {
            Left: mostlyIn(-0.1, 1.1),
            Top: mostlyIn(-0.1, 1.1),
            Width: mostlyIn(-0.1, 1.1),
            Height: mostlyIn(-0.1, 1.1),
          },
          { requiredKeys: [] },
        ),
      ),
      Polygon: mostly(fc.array(point, { maxLength: 6 })),
    },
    { requiredKeys: [] },
  ),
);

const relationships = mostly(
  fc.array(
    mostly(
      fc.record(
        {
          Type: mostly(fc.constantFrom(...RELATIONSHIP_TYPES), 10),
          Ids: mostly(fc.array(idRef, { maxLength: 6 })),
        },
        { requiredKeys: [] },
      ),
    ),
    { maxLength: 3 },
  ),
);

const gridIndex = mostly(fc.integer({ min: 1, max: 4 }));

const block = fc.record(
  {
    Id: idRef,
    BlockType: mostly(fc.constantFrom(...BLOCK_TYPES), 12),
    Page: pageNumber,
    Text: mostly(fc.string({ maxLength: 6 })),
    Confidence: mostlyIn(0, 100),
    Geometry: geometry,
    Relationships: relationships,
    EntityTypes: mostly(
      fc.array(fc.constantFrom('KEY', 'VALUE', 'COLUMN_HEADER', 'TABLE_TITLE'), { maxLength: 2 }),
    ),
    SelectionStatus: mostly(fc.constantFrom('SELECTED', 'NOT_SELECTED')),
    RowIndex: gridIndex,
    ColumnIndex: gridIndex,
    RowSpan: gridIndex,
    ColumnSpan: gridIndex,
    Query: mostly(fc.record({ Text: mostly(fc.string({ maxLength: 6 })) }, { requiredKeys: [] })),
  },
  { requiredKeys: [] },
);

// Well-formed blocks linked at random: relationships that loop back, name their own block, share targets or
// dangle, with every field of the right type, so that only the links are wrong.
const linkedBlock = fc.record({
  Id: fc.constantFrom(...IDS),
  BlockType: fc.constantFrom(
    'LAYOUT_LIST',
    'LAYOUT_TEXT',
    'LINE',
    'WORD',
    'TABLE',
    'CELL',
    'MERGED_CELL',
    'KEY_VALUE_SET',
  ),
  Text: fc.constantFrom('a', 'b'),
  EntityTypes: fc.constantFrom(['KEY'], ['VALUE']),
  RowIndex: fc.integer({ min: 1, max: 3 }),
  ColumnIndex: fc.integer({ min: 1, max: 3 }),
  Relationships: fc.array(
    fc.record({
      Type: fc.constantFrom('CHILD', 'VALUE', 'MERGED_CELL'),
      Ids: fc.array(fc.oneof(fc.constantFrom(...IDS), fc.constant('dangling')), { maxLength: 4 }),
    }),
    { maxLength: 2 },
  ),
});

const blocks = fc.oneof(
  { weight: 20, arbitrary: fc.array(mostly(block, 20), { maxLength: 30 }) },
  { weight: 1, arbitrary: junk },
);

const detection = mostly(
  fc.record(
    { Text: mostly(fc.string({ maxLength: 6 })), Confidence: mostlyIn(0, 100), Geometry: geometry },
    { requiredKeys: [] },
  ),
);

const expenseField = mostly(
  fc.record(
    {
      Type: mostly(
        fc.record({ Text: mostly(fc.constantFrom('ITEM', 'PRICE', 'QUANTITY', 'EXPENSE_ROW', 'TOTAL')) }),
      ),
      LabelDetection: detection,
      ValueDetection: detection,
      PageNumber: pageNumber,
    },
    { requiredKeys: [] },
  ),
  10,
);

const expenseDocument = mostly(
  fc.record(
    {
      Blocks: blocks,
      SummaryFields: mostly(fc.array(expenseField, { maxLength: 5 })),
      LineItemGroups: mostly(
        fc.array(
          mostly(
            fc.record({
              LineItems: mostly(
                fc.array(
                  mostly(
                    fc.record({ LineItemExpenseFields: mostly(fc.array(expenseField, { maxLength: 4 })) }),
                  ),
                  { maxLength: 4 },
                ),
              ),
            }),
          ),
          { maxLength: 2 },
        ),
      ),
    },
    { requiredKeys: [] },
  ),
  10,
);

const SEED = { seed: 42 } as const;

describe('mapTextractResult on random blocks', () => {
  it('maps any blocks to valid pages or a ProviderError', () => {
    fc.assert(
      fc.property(blocks, (Blocks) => {
        expectMapperContract(PROVIDER, () => mapped({ Blocks }));
      }),
      { ...SEED, numRuns: 600 },
    );
  });

  it('maps any links between well-formed blocks, cycles included, to valid pages', () => {
    fc.assert(
      fc.property(fc.array(linkedBlock, { maxLength: 12 }), (Blocks) => {
        expect(expectMapperContract(PROVIDER, () => mapped({ Blocks }))).toBeDefined();
      }),
      { ...SEED, numRuns: 400 },
    );
  });

  it('maps any expense documents to valid pages or a ProviderError', () => {
    fc.assert(
      fc.property(mostly(fc.array(expenseDocument, { maxLength: 2 }), 20), (ExpenseDocuments) => {
        expectMapperContract(PROVIDER, () => mapped({ ExpenseDocuments }));
      }),
      { ...SEED, numRuns: 300 },
    );
  });

  it('follows relationship cycles without recursing forever', () => {
    const list = { Id: 'a', BlockType: 'LAYOUT_LIST', Relationships: [{ Type: 'CHILD', Ids: ['a', 'b'] }] };
    const item = { Id: 'b', BlockType: 'LAYOUT_TEXT', Relationships: [{ Type: 'CHILD', Ids: ['a', 'c'] }] };
    const line = { Id: 'c', BlockType: 'LINE', Text: 'Item one' };

    const document = expectMapperContract(PROVIDER, () => mapped({ Blocks: [list, item, line] }));

    expect(document?.pages[0]?.layout.map((block) => block.text)).toEqual(['Item one', 'Item one']);
  });

  it('calls a block on a page no document has a malformed response', () => {
    const map = () => mapped({ Blocks: [{ Id: 'a', BlockType: 'LINE', Text: 'x', Page: 0 }] });

    expect(map).toThrow(ProviderError);
    expect(map).toThrow('Textract answered with a malformed response: a block gives 0 as its page number;');
  });

  it('calls a page beyond the PDF a malformed response, not a RangeError', async () => {
    const pdf = await openSplittablePdf(
      readFileSync(new URL('../../fixtures/textract/sample-invoice.pdf', import.meta.url)),
      'sample-invoice.pdf',
    );
    const blocks = [{ Id: 'a', BlockType: 'LINE', Text: 'x', Page: pdf.pageCount + 1 }];
    const map = () => mapped({ Blocks: blocks }, (page) => pdfFrame(pdf, page));

    expect(map).toThrow(ProviderError);
    expect(map).toThrow(`it has text on page ${pdf.pageCount + 1} of a ${pdf.pageCount}-page PDF`);
  });
});

const RECORDINGS = [
  'single-page-1.png.DetectDocumentText.json',
  'single-page-1.png.AnalyzeDocument.FORMS_TABLES.json',
  'single-page-1.png.AnalyzeDocument.QUERIES.json',
  'sample-invoice.pdf.AnalyzeDocument.LAYOUT_TABLES_FORMS_SIGNATURES.json',
  'paystub.jpg.AnalyzeDocument.LAYOUT_TABLES_FORMS.json',
  'multicol-test-document.png.AnalyzeDocument.json',
  'twocol-header-footer-test-document.png.AnalyzeDocument.json',
  'geofinder-scanned-form.pdf.GetDocumentAnalysis.FORMS_TABLES.json',
  'textractor-multipage-doc.pdf.GetDocumentAnalysis.FORMS_TABLES.json',
  'textractor-multipage-doc.pdf.GetDocumentTextDetection.json',
  'default_invoice_1.png.AnalyzeExpense.json',
  'receipt.jpg.AnalyzeExpense.json',
] as const;

describe('mapTextractResult on broken recorded responses', () => {
  it.each(RECORDINGS)('maps %s as recorded to valid pages', (name) => {
    expect(expectMapperContract(PROVIDER, () => mapped(recordedResponse(name)))).toBeDefined();
  });

  it.each(RECORDINGS)(
    'maps %s with fields broken, blocks dropped or duplicated, to valid pages or a ProviderError',
    (name) => {
      fc.assert(
        fc.property(mutationsOf(recordedResponse(name)), ({ json }) => {
          expectMapperContract(PROVIDER, () => mapped(json));
        }),
        { ...SEED, numRuns: 80 },
      );
    },
  );
});
