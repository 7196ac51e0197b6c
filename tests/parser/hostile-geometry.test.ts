/**
 * The parsers on geometry no real page has: each must finish, with output bounded by its input, whatever the
 * boxes say. Each case is given straight to the parsers, without the stage boundary's repair, so the parsers'
 * own loops are what is tested; the property at the end runs them on repaired random documents.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeOcrDocument } from '../../src/document/sanitize-ocr.js';
import { resolveParser } from '../../src/parser/index.js';
import type { BoundingBox, OcrDocument, OcrLine } from '../../src/spec/document.js';
import { hostileOcrDocument } from '../support/ocr-arbitraries.js';
import { page } from './ocr-page.js';

const METHODS = ['layout-conserved', 'plain', 'markdown'] as const;

function lines(count: number, boxOf: (index: number) => BoundingBox): OcrLine[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `p1-l${index}`,
    text: `word${index}`,
    box: boxOf(index),
    confidence: 1,
  }));
}

function documentOf(pageLines: OcrLine[]): OcrDocument {
  return { provider: 'test', pages: [page({ lines: pageLines, words: pageLines.length })] };
}

/** Characters in, as a measure the output is bounded by. */
function inputSize(document: OcrDocument): number {
  let size = 1;
  for (const { lines: pageLines, tables, keyValues } of document.pages) {
    for (const { text } of pageLines) size += text.length + 1;
    for (const table of tables) for (const cell of table.cells) size += cell.text.length + 1;
    for (const pair of keyValues) size += pair.key.length + pair.value.length + 2;
  }
  return size;
}

// A line of output can be padded to a thousand columns at most (the grid's widest), so no parser may write
// more than that per character it was given.
const OUTPUT_PER_INPUT_CHARACTER = 1_100;

const hostile: Record<string, OcrDocument> = {
  'NaN boxes': documentOf(lines(50, () => ({ left: Number.NaN, top: Number.NaN, width: 0.1, height: 0.01 }))),
  'NaN among real boxes': documentOf(
    lines(50, (i) => ({ left: i % 2 ? Number.NaN : i / 60, top: 0.5, width: 0.01, height: 0.01 })),
  ),
  'infinite boxes': documentOf(
    lines(50, (i) => ({
      left: i % 2 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
      top: i / 50,
      width: Number.POSITIVE_INFINITY,
      height: 0.01,
    })),
  ),
  'huge coordinates': documentOf(
    lines(50, (i) => ({ left: i * 1e306, top: -i * 1e306, width: 1e308, height: 1e308 })),
  ),
  'zero-size fonts': documentOf(
    lines(200, (i) => ({ left: i / 200, top: 0.3, width: 1e-12, height: 1e-12 })),
  ),
};

describe('parsers on hostile geometry', () => {
  for (const [name, document] of Object.entries(hostile)) {
    for (const method of METHODS) {
      it(`${method} finishes on ${name}, with bounded output`, () => {
        const parsed = resolveParser(method)(document);
        expect(parsed.text.length).toBeLessThanOrEqual(inputSize(document) * OUTPUT_PER_INPUT_CHARACTER);
      });
    }
  }

  it('a page claiming millions of words is capped at the stage boundary, and then parsed by every method', () => {
    const crowded = documentOf(
      lines(2_000_000, (i) => ({ left: (i % 1000) / 1000, top: 0.5, width: 0.001, height: 0.01 })),
    );
    const { document, warnings } = sanitizeOcrDocument(crowded);
    expect(warnings.map((warning) => warning.code)).toEqual(['ocr-page-too-dense']);
    for (const method of METHODS) {
      const parsed = resolveParser(method)(document);
      expect(parsed.text.length).toBeLessThanOrEqual(inputSize(document) * OUTPUT_PER_INPUT_CHARACTER);
    }
  });

  it('every method finishes on any repaired document, with output bounded by its input', () => {
    fc.assert(
      fc.property(hostileOcrDocument, (hostileDocument) => {
        const { document } = sanitizeOcrDocument(hostileDocument);
        for (const method of METHODS) {
          const parsed = resolveParser(method)(document);
          expect(parsed.text.length).toBeLessThanOrEqual(inputSize(document) * OUTPUT_PER_INPUT_CHARACTER);
          expect(parsed.pages).toHaveLength(document.pages.length);
        }
      }),
      { seed: 7, numRuns: 400 },
    );
  });
});
