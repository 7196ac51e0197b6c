import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_WORDS_PER_PAGE, sanitizeOcrDocument } from '../../src/document/sanitize-ocr.js';
import type { OcrDocument, OcrLine, OcrPage } from '../../src/spec/document.js';
import { validateOcrDocument } from '../../src/testing/index.js';
import { page } from '../parser/ocr-page.js';
import { hostileOcrDocument } from '../support/ocr-arbitraries.js';

function line(id: string, text: string, box: OcrLine['box']): OcrLine {
  return { id, text, box, confidence: 0.9 };
}

function document(content: Partial<OcrPage>): OcrDocument {
  return { provider: 'test', pages: [page(content)] };
}

const onPage = { left: 0.1, top: 0.1, width: 0.3, height: 0.02 };

describe('sanitizeOcrDocument', () => {
  it('returns a clean document as the very same object, with no warnings', () => {
    const clean = document({ lines: [line('p1-l0', 'Invoice 42', onPage)], words: 2 });
    const { document: result, warnings } = sanitizeOcrDocument(clean);
    expect(result).toBe(clean);
    expect(warnings).toEqual([]);
  });

  it('drops lines whose box is not a number or lies off the page, clamps the ones reaching past it, and says how many', () => {
    const damaged = document({
      lines: [
        line('p1-l0', 'kept', onPage),
        line('p1-l1', 'nan', { left: Number.NaN, top: 0.2, width: 0.1, height: 0.02 }),
        line('p1-l2', 'infinite', { left: 0.1, top: 0.3, width: Number.POSITIVE_INFINITY, height: 0.02 }),
        line('p1-l3', 'off the page', { left: 4, top: 0.4, width: 0.1, height: 0.02 }),
        line('p1-l4', 'past the edge', { left: 0.9, top: 0.5, width: 0.5, height: 0.02 }),
      ],
      words: 7,
    });
    const { document: result, warnings } = sanitizeOcrDocument(damaged);
    const [page] = result.pages as OcrPage[];
    expect(page?.lines.map((kept) => kept.text)).toEqual(['kept', 'past the edge']);
    expect(page?.lines[1]?.box).toEqual({ left: 0.9, top: 0.5, width: expect.closeTo(0.1), height: 0.02 });
    expect(page?.words).toBe(4);
    expect(warnings).toEqual([
      {
        code: 'ocr-invalid-geometry',
        page: 1,
        message:
          'Page 1 of the OCR result had invalid geometry: dropped 3 lines whose box was not a number or lay off the page; clamped 1 line reaching past its edges onto the page.',
      },
    ]);
    expect(validateOcrDocument(result)).toEqual([]);
  });

  it('makes ids unique, turns control characters into spaces and clamps confidences', () => {
    const damaged = document({
      lines: [
        line('p1-l0', 'one', onPage),
        { ...line('p1-l0', 'two\u0000\u001b[2J', onPage), confidence: Number.NaN },
        line('', 'three', onPage),
      ],
    });
    const { document: result, warnings } = sanitizeOcrDocument(damaged);
    const lines = result.pages[0]?.lines ?? [];
    expect(lines.map((kept) => [kept.id, kept.text, kept.confidence])).toEqual([
      ['p1-l0', 'one', 0.9],
      ['p1-l1', 'two  [2J', 0],
      ['p1-l2', 'three', 0.9],
    ]);
    expect(warnings.map((warning) => warning.code)).toEqual(['ocr-invalid-content']);
    expect(warnings[0]?.message).toContain('2 line ids');
  });

  it('keeps table cells on a bounded grid: bad indices are dropped, spans made whole, huge tables dropped', () => {
    const cell = (rowIndex: number, columnIndex: number, rowSpan = 1) => ({
      id: `p1-t0-r${rowIndex}-c${columnIndex}`,
      rowIndex,
      columnIndex,
      rowSpan,
      columnSpan: 1,
      text: 'x',
    });
    const damaged = document({
      tables: [
        {
          id: 't0',
          rowCount: 1,
          columnCount: 1,
          cells: [cell(0, 0, Number.NaN), cell(Number.NaN, 1), cell(-1, 0)],
        },
        { id: 't1', rowCount: 1e9, columnCount: 0, cells: [] },
      ],
    });
    const { document: result, warnings } = sanitizeOcrDocument(damaged);
    const tables = result.pages[0]?.tables ?? [];
    expect(tables).toHaveLength(1);
    expect(tables[0]?.cells).toEqual([{ ...cell(0, 0), rowSpan: 1 }]);
    expect(warnings.map((warning) => warning.message).join(' ')).toContain(
      'dropped 2 table cells, 1 oversized table it could not use',
    );
    expect(validateOcrDocument(result)).toEqual([]);
  });

  it('turns a page that is all garbage into an empty page, with a warning', () => {
    const nan = { left: Number.NaN, top: Number.NaN, width: Number.NaN, height: Number.NaN };
    const { document: result, warnings } = sanitizeOcrDocument(
      document({ lines: [line('p1-l0', 'a', nan), line('p1-l1', 'b', nan)], width: Number.NaN }),
    );
    expect(result.pages[0]).toMatchObject({ lines: [], words: 0, width: 1, height: 1 });
    expect(warnings.map((warning) => warning.code)).toEqual([
      'ocr-invalid-geometry',
      'ocr-invalid-content',
      'ocr-invalid-page',
    ]);
  });

  it(`keeps at most ${MAX_WORDS_PER_PAGE.toLocaleString('en-US')} words of a page, saying how many it dropped`, () => {
    const lines = Array.from({ length: MAX_WORDS_PER_PAGE + 500 }, (_, index) =>
      line(`p1-l${index}`, 'w', { left: 0.1, top: 0.1, width: 0.01, height: 0.01 }),
    );
    const { document: result, warnings } = sanitizeOcrDocument(document({ lines }));
    expect(result.pages[0]?.lines).toHaveLength(MAX_WORDS_PER_PAGE);
    expect(warnings).toEqual([
      expect.objectContaining({
        code: 'ocr-page-too-dense',
        message: expect.stringContaining('the last 500 were dropped'),
      }),
    ]);
  });

  it('repairs any document into one that keeps every invariant, and leaves its own result as it is', () => {
    fc.assert(
      fc.property(hostileOcrDocument, (hostile) => {
        const { document: repaired } = sanitizeOcrDocument(hostile);
        // Ids of another shape than docpipe's are kept (a user's provider may name its lines); all else holds.
        const problems = validateOcrDocument(repaired).filter(
          (problem) => !problem.includes('does not match'),
        );
        expect(problems).toEqual([]);
        expect(sanitizeOcrDocument(repaired).document).toBe(repaired);
        // A copy (as a cache entry or a resumed run reads it back) is looked through again, and found clean.
        const copy = structuredClone(repaired);
        const again = sanitizeOcrDocument(copy);
        expect(again.document).toBe(copy);
        expect(again.warnings).toEqual([]);
      }),
      { seed: 20, numRuns: 600 },
    );
  });
});
