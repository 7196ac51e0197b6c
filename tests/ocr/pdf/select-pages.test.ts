import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/errors.js';
import { selectPages } from '../../../src/ocr/pdf/index.js';

describe('selectPages', () => {
  it('selects every page when none are requested', () => {
    expect(selectPages(3, undefined)).toEqual([1, 2, 3]);
  });

  it('selects the requested pages in document order, once each', () => {
    expect(selectPages(5, [4, 2, 4])).toEqual([2, 4]);
  });

  it('refuses a page past the end, naming the page count', () => {
    expect(() => selectPages(3, [2, 7])).toThrow(
      new InputError(
        'Page 7 was requested but the document has 3 pages; ask for pages from 1 to 3 (OCRConfig.pages).',
      ),
    );
    expect(() => selectPages(1, [0])).toThrow('the document has 1 page; ask for pages from 1 to 1');
  });

  it('refuses an empty request', () => {
    expect(() => selectPages(3, [])).toThrow(InputError);
  });
});
