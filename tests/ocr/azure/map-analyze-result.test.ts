import { describe, expect, it } from 'vitest';
import type { AnalyzeResult } from '../../../src/ocr/azure/analyze-result.js';
import { pageRanges } from '../../../src/ocr/azure/convert-to-analyze-request.js';
import { mapAnalyzeResult } from '../../../src/ocr/azure/map-analyze-result.js';
import { validateOcrDocument } from '../../../src/testing/index.js';

const square = (x: number, y: number, size = 1) => [x, y, x + size, y, x + size, y + size, x, y + size];
const page = (pageNumber: number, angle: number) => ({
  pageNumber,
  angle,
  width: 10,
  height: 20,
  unit: 'inch',
});

describe('mapAnalyzeResult', () => {
  it('puts each cell of a table that crosses pages on the page of its own region', () => {
    const result: AnalyzeResult = {
      pages: [page(1, -90), page(2, 179.5)],
      tables: [
        {
          rowCount: 2,
          columnCount: 1,
          boundingRegions: [
            { pageNumber: 1, polygon: square(1, 18) },
            { pageNumber: 2, polygon: square(1, 0) },
          ],
          cells: [
            {
              kind: 'columnHeader',
              rowIndex: 0,
              columnIndex: 0,
              content: 'Item',
              boundingRegions: [{ pageNumber: 1, polygon: square(1, 18) }],
            },
            {
              rowIndex: 1,
              columnIndex: 0,
              content: ':selected: Paid',
              boundingRegions: [{ pageNumber: 2, polygon: square(1, 0) }],
            },
          ],
        },
      ],
    };

    const document = mapAnalyzeResult(result, 'azure.document-intelligence');

    expect(validateOcrDocument(document)).toEqual([]);
    expect(document.pages.map((p) => p.angle)).toEqual([270, 179.5]);
    expect(document.pages[0]?.tables[0]).toMatchObject({
      id: 'p1-t0',
      rowCount: 2,
      cells: [
        {
          id: 'p1-t0-r0-c0',
          text: 'Item',
          isHeader: true,
          box: { left: 0.1, top: 0.9, width: 0.1, height: expect.closeTo(0.05) },
        },
      ],
    });
    expect(document.pages[1]?.tables[0]?.cells).toEqual([
      expect.objectContaining({ id: 'p2-t0-r1-c0', text: 'Paid' }),
    ]);
  });

  it('keeps markdown content only when the service produced markdown', () => {
    expect(
      mapAnalyzeResult({ content: 'a', contentFormat: 'text', pages: [] }, 'x').markdown,
    ).toBeUndefined();
    expect(mapAnalyzeResult({ content: '# a', contentFormat: 'markdown', pages: [] }, 'x').markdown).toBe(
      '# a',
    );
  });
});

describe('pageRanges', () => {
  it('writes page numbers as sorted, merged ranges', () => {
    expect(pageRanges([5, 1, 2, 3, 3, 9, 8])).toBe('1-3,5,8-9');
  });
});
