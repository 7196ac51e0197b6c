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

describe('chunks', () => {
  const pages = [1, 2, 3, 4].map((pageNumber) => ({
    pageNumber,
    text: `page ${pageNumber} `.repeat(30).trim(),
  }));

  it('packs pages in order into chunks within the budget, and loses nothing', () => {
    const budget = estimateTokens(pages[0]?.text ?? '') * 2 + 1;
    const chunks = chunksWithin(pages, budget);
    expect(chunks.map((c) => c.parts.map((p) => p.pageNumber))).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(chunks.flatMap((c) => c.parts.map((p) => p.text))).toEqual(pages.map((p) => p.text));
  });

  it('cuts a page larger than the budget at line ends, and a huge line at the budget', () => {
    const page = { pageNumber: 1, text: ['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(100)].join('\n') };
    const chunks = chunksWithin([page], 12);
    // Lines kept whole where they fit; only the 100-character line is cut.
    expect(chunks.map(chunkText).join('\n').replace(/c\nc/g, 'cc')).toBe(page.text);
    for (const chunk of chunks) expect(estimateTokens(chunkText(chunk))).toBeLessThanOrEqual(12);
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
