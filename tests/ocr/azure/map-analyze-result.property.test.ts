/**
 * Whatever Azure Document Intelligence answers — random results, or recorded ones with fields broken — the
 * mapper returns a document that keeps the model's invariants, or throws a ProviderError saying the result is
 * malformed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../../src/ocr/azure/analyze-result.js';
import { mapAnalyzeResult } from '../../../src/ocr/azure/map-analyze-result.js';
import { ProviderError } from '../../../src/spec/errors.js';
import { expectMapperContract, junk, mostly, mostlyIn, mutationsOf } from '../../support/hostile-json.js';
import { RECORDINGS, recording } from './azure-fixtures.js';

const PROVIDER = 'azure.document-intelligence';

const mapped = (result: unknown) => mapAnalyzeResult(result as AnalyzeResult, PROVIDER);

// Pages are 10 × 10 inches (or pixels), so most coordinates land on the page and some off it.
const polygon = mostly(fc.array(mostlyIn(-1, 11), { maxLength: 9 }));

// Mostly pages 1-3, now and then one the result does not have or no page number at all.
const regionPage = mostly(fc.integer({ min: 1, max: 3 }), 10);

const boundingRegions = mostly(
  fc.array(mostly(fc.record({ pageNumber: regionPage, polygon }, { requiredKeys: [] }), 10), {
    maxLength: 2,
  }),
);

const content = mostly(
  fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(':selected:', ':unselected: x', '☒ y')),
);

// Offsets into a content of about 40 characters, so that spans overlap, miss, or run past its end.
const span = mostly(
  fc.record({ offset: mostlyIn(0, 50), length: mostlyIn(0, 20) }, { requiredKeys: [] }),
  10,
);

const word = mostly(
  fc.record({ content, polygon, confidence: mostlyIn(0, 1), span }, { requiredKeys: [] }),
  10,
);

const line = mostly(
  fc.record({ content, polygon, spans: mostly(fc.array(span, { maxLength: 3 })) }, { requiredKeys: [] }),
  10,
);

const selectionMark = mostly(
  fc.record(
    { state: mostly(fc.constantFrom('selected', 'unselected')), polygon, confidence: mostlyIn(0, 1) },
    { requiredKeys: [] },
  ),
);

const page = fc.record(
  {
    angle: mostlyIn(-180, 180),
    width: mostly(fc.constantFrom(10, 8.5, 1700), 30),
    height: mostly(fc.constantFrom(10, 11, 2200), 30),
    unit: mostly(fc.constantFrom('inch', 'pixel')),
    words: mostly(fc.array(word, { maxLength: 8 })),
    lines: mostly(fc.array(line, { maxLength: 5 })),
    selectionMarks: mostly(fc.array(selectionMark, { maxLength: 2 })),
  },
  { requiredKeys: [] },
);

// Pages numbered in order, now and then with a page number that is junk.
const pages = mostly(
  fc
    .array(
      fc.tuple(
        page,
        fc.oneof({ weight: 30, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: junk }),
      ),
      { maxLength: 3 },
    )
    .map((numbered) =>
      numbered.map(([fields, junkNumber], i) => ({ ...fields, pageNumber: junkNumber ?? i + 1 })),
    ),
  20,
);

const gridIndex = mostly(fc.integer({ min: 0, max: 4 }), 10);

const cell = mostly(
  fc.record(
    {
      kind: mostly(fc.constantFrom('columnHeader', 'rowHeader', 'content')),
      rowIndex: gridIndex,
      columnIndex: gridIndex,
      rowSpan: mostly(fc.integer({ min: 1, max: 3 })),
      columnSpan: mostly(fc.integer({ min: 1, max: 3 })),
      content,
      boundingRegions,
    },
    { requiredKeys: [] },
  ),
  10,
);

const table = mostly(
  fc.record(
    {
      rowCount: mostly(fc.integer({ min: 0, max: 5 })),
      columnCount: mostly(fc.integer({ min: 0, max: 5 })),
      cells: mostly(fc.array(cell, { maxLength: 8 })),
      boundingRegions,
    },
    { requiredKeys: [] },
  ),
  10,
);

const keyValueElement = mostly(fc.record({ content, boundingRegions }, { requiredKeys: [] }));

const keyValuePair = mostly(
  fc.record(
    { key: keyValueElement, value: keyValueElement, confidence: mostlyIn(0, 1) },
    { requiredKeys: [] },
  ),
);

const paragraph = mostly(
  fc.record(
    {
      role: mostly(
        fc.constantFrom('title', 'sectionHeading', 'pageHeader', 'pageFooter', 'pageNumber', 'footnote'),
      ),
      content,
      boundingRegions,
    },
    { requiredKeys: [] },
  ),
);

const analyzeResult = fc.record(
  {
    content: mostly(fc.string({ maxLength: 40 })),
    contentFormat: mostly(fc.constantFrom('markdown', 'text')),
    pages,
    tables: mostly(fc.array(table, { maxLength: 3 })),
    keyValuePairs: mostly(fc.array(keyValuePair, { maxLength: 3 })),
    paragraphs: mostly(fc.array(paragraph, { maxLength: 3 })),
  },
  { requiredKeys: [] },
);

const SEED = { seed: 42 } as const;

describe('mapAnalyzeResult on random results', () => {
  it('maps any result to a valid document or a ProviderError', () => {
    fc.assert(
      fc.property(analyzeResult, (result) => {
        expectMapperContract(PROVIDER, () => mapped(result));
      }),
      { ...SEED, numRuns: 800 },
    );
  });

  it('reads a span past the content, a polygon of odd length and a confidence over 1', () => {
    const result = {
      content: 'Total 12',
      pages: [
        {
          pageNumber: 1,
          width: 10,
          height: 10,
          unit: 'inch',
          words: [
            {
              content: 'Total',
              polygon: [1, 1, 2, 1, 2, 2, 1],
              confidence: 2,
              span: { offset: 0, length: 5 },
            },
          ],
          lines: [
            { content: 'Total', polygon: [1, 1, 2, 1, 2, 2, 1, 2], spans: [{ offset: 0, length: 1e308 }] },
          ],
        },
      ],
    };

    const document = expectMapperContract(PROVIDER, () => mapped(result));

    expect(document?.pages[0]?.lines[0]?.words).toEqual([
      { text: 'Total', box: { left: 0.1, top: 0.1, width: 0.1, height: 0.1 }, confidence: 1 },
    ]);
  });

  it('calls a result whose pages share a number malformed', () => {
    const page = { pageNumber: 1, width: 10, height: 10, unit: 'inch' };
    const map = () => mapped({ pages: [page, page] });

    expect(map).toThrow(ProviderError);
    expect(map).toThrow(
      'Azure Document Intelligence answered with a malformed result: two pages are numbered 1;',
    );
  });

  it('calls a page without a size malformed', () => {
    const map = () => mapped({ pages: [{ pageNumber: 1, width: 0, height: 10 }] });

    expect(map).toThrow(ProviderError);
    expect(map).toThrow('malformed result: page 1 has no size;');
  });
});

describe('mapAnalyzeResult on broken recorded results', () => {
  it.each(Object.values(RECORDINGS))('maps %s as recorded to a valid document', async (name) => {
    const { analyzeResult } = await recording(name);

    expect(expectMapperContract(PROVIDER, () => mapped(analyzeResult))).toBeDefined();
  });

  it.each(Object.values(RECORDINGS))(
    'maps %s with fields broken or dropped to a valid document or a ProviderError',
    async (name) => {
      const { analyzeResult } = await recording(name);

      fc.assert(
        fc.property(mutationsOf(analyzeResult), ({ json }) => {
          expectMapperContract(PROVIDER, () => mapped(json));
        }),
        { ...SEED, numRuns: 100 },
      );
    },
  );
});
