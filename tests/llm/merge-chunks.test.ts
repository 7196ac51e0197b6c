import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunksWithin, chunkText, estimateTokens, halve } from '../../src/llm/chunks.js';
import { mergeAnswers } from '../../src/llm/merge.js';

describe('mergeAnswers', () => {
  it('concatenates arrays without the rows an earlier part already had, keeps first scalars, reports conflicts', () => {
    const merged = mergeAnswers([
      { id: 'A-1', total: null, items: [{ n: 1 }, { n: 2 }, { n: 2 }], party: { name: 'Acme', vat: null } },
      { id: 'A-1', total: 10, items: [{ n: 2 }, { n: 3 }], party: { name: 'ACME Corp', vat: 'DE1' } },
      { id: null, total: 10, items: [], party: null },
    ]);
    expect(merged.value).toEqual({
      id: 'A-1',
      total: 10,
      // Two equal rows in one part stay two rows; the repeat across parts is dropped.
      items: [{ n: 1 }, { n: 2 }, { n: 2 }, { n: 3 }],
      party: { name: 'Acme', vat: 'DE1' },
    });
    expect(merged.warnings).toEqual([
      {
        code: 'merge-conflict',
        message:
          'The document\'s parts disagree on /party/name: kept "Acme" from the earlier part, not "ACME Corp".',
      },
    ]);
  });
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('chunks', () => {
  const pages = [1, 2, 3, 4].map((pageNumber) => ({
    pageNumber,
    text: `page ${pageNumber} `.repeat(30).trim(),
  }));

  it('packs pages in order into chunks within the budget, and loses nothing', () => {
    const budget = estimateTokens(pages[0]?.text ?? '') * 2 + 1;
    const { chunks } = chunksWithin(pages, budget);
    expect(chunks.map((c) => c.parts.map((p) => p.pageNumber))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(chunks.flatMap((c) => c.parts.map((p) => p.text))).toEqual(pages.map((p) => p.text));
  });

  it('cuts a page larger than the budget at line ends, and a huge line at the budget', () => {
    const page = { pageNumber: 1, text: ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(100)].join('\n') };
    const { chunks, linesCut, longestLineCut } = chunksWithin([page], 12);
    // Lines kept whole where they fit; only the 100-character line is cut, at 36 characters (12 tokens).
    expect(chunks.map(chunkText)).toEqual([
      'a'.repeat(30),
      'b'.repeat(30),
      'c'.repeat(36),
      'c'.repeat(36),
      'c'.repeat(28),
    ]);
    expect({ linesCut, longestLineCut }).toEqual({ linesCut: 1, longestLineCut: 100 });
  });

  it('cuts a long line after a space near the budget, and never inside a surrogate pair', () => {
    const words = chunksWithin([{ text: `${'w'.repeat(30)} ${'x'.repeat(20)}` }], 12).chunks.map(chunkText);
    expect(words).toEqual([`${'w'.repeat(30)} `, 'x'.repeat(20)]);
    // An emoji is two UTF-16 units and counts as two tokens: five fit in 10 tokens, not five and a half.
    const emoji = chunksWithin([{ text: '😀'.repeat(12) }], 11).chunks.map(chunkText);
    expect(emoji).toEqual(['😀'.repeat(5), '😀'.repeat(5), '😀'.repeat(2)]);
  });

  it('counts text outside ASCII as a token per UTF-16 unit, and ASCII as a third of one', () => {
    expect(estimateTokens('abc')).toBe(1);
    expect(estimateTokens('請求書')).toBe(3);
    expect(estimateTokens('😀')).toBe(2);
  });

  it('keeps every chunk within the budget, every character in order, and surrogate pairs whole', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.string({ unit: fc.constantFrom('a', ' ', '\n', '😀', '請'), maxLength: 300 }),
    );
    const parts = fc.array(fc.record({ text, pageNumber: fc.option(fc.nat(20), { nil: undefined }) }), {
      minLength: 1,
      maxLength: 6,
    });
    const withoutLineBreaks = (text: string) => text.replaceAll('\n', '');
    fc.assert(
      fc.property(parts, fc.integer({ min: 2, max: 60 }), (parts, budget) => {
        const { chunks } = chunksWithin(parts, budget);
        for (const chunk of chunks) expect(estimateTokens(chunkText(chunk))).toBeLessThanOrEqual(budget);
        // Pieces are slices of the parts, cut at a line end (which drops that '\n') or inside a line.
        const pieces = chunks.flatMap((chunk) => chunk.parts.map((part) => part.text));
        expect(pieces.map(withoutLineBreaks).join('')).toBe(
          parts.map((p) => withoutLineBreaks(p.text)).join(''),
        );
        for (const piece of pieces) expect(parts.some((p) => p.text.includes(piece))).toBe(true);
        if (!parts.some((p) => LONE_SURROGATE.test(p.text))) {
          for (const piece of pieces) expect(piece).not.toMatch(LONE_SURROGATE);
        }
      }),
      { seed: 20, numRuns: 300 },
    );
  });

  it('halves a chunk between pages, else between lines, and not a single line', () => {
    expect(halve({ parts: pages })?.map((c) => c.parts.map((p) => p.pageNumber))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    const [first, second] = halve({ parts: [{ text: 'a\nb\nc' }] }) ?? [];
    expect([first && chunkText(first), second && chunkText(second)]).toEqual(['a\nb', 'c']);
    expect(halve({ parts: [{ text: 'one line' }] })).toBeUndefined();
  });
});
