import { describe, expect, it } from 'vitest';
import { selectPages } from '../../../src/ocr/pdf/index.js';
import { InputError } from '../../../src/spec/errors.js';

describe('selectPages', () => {
  it('selects every page when none are requested', () => {
    expect(selectPages(3, undefined)).toEqual({ pages: [1, 2, 3], warnings: [] });
  });

  it('selects the requested pages in document order, once each', () => {
    expect(selectPages(5, [4, 2, 4])).toEqual({ pages: [2, 4], warnings: [] });
  });

  it('skips pages past the end with a warning naming them and the page count', () => {
    expect(selectPages(3, [2, 7], 'a.pdf')).toEqual({
      pages: [2],
      warnings: [{ code: 'pages-out-of-range', message: 'Page 7 was skipped: a.pdf has 3 pages.' }],
    });
  });

  it('warns, without failing, when no page asked for exists, showing long runs as ranges', () => {
    expect(selectPages(1, [2, 3, 4, 9], 'photo.jpg')).toEqual({
      pages: [],
      warnings: [
        {
          code: 'pages-out-of-range',
          message: 'Pages 2-4,9 were skipped: photo.jpg has 1 page, so no page of it was processed.',
        },
      ],
    });
  });

  it('refuses numbers that are not page numbers, and an empty request', () => {
    expect(() => selectPages(1, [0])).toThrow('Page 0 was requested but pages are numbered from 1');
    expect(() => selectPages(3, [1.5])).toThrow(InputError);
    expect(() => selectPages(3, [])).toThrow(InputError);
  });
});
