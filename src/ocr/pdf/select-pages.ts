/**
 * Which pages of a document to process.
 *
 * @module
 */
import type { Warning } from '../../spec/document.js';
import { InputError } from '../../spec/errors.js';

/** The pages {@link selectPages} chose, and a `pages-out-of-range` warning when some asked for do not exist. */
export interface PageSelection {
  /** 1-based page numbers in ascending order; empty when no page asked for exists. */
  readonly pages: number[];
  readonly warnings: Warning[];
}

/**
 * The pages to process: the `requested` ones (1-based) in document order without repeats, or all. Pages past
 * the document's end are skipped with a warning rather than refused: one `--pages 1-2` over a batch of
 * documents of different lengths must not fail on the shortest.
 *
 * @param pageCount - The number of pages the document has.
 * @param requested - Page numbers asked for (`OCRConfig.pages`); `undefined` for all pages.
 * @param documentName - How the warning names the document.
 * @returns The pages that exist, and a `pages-out-of-range` warning naming those that do not.
 * @throws {@link InputError} when `requested` is empty or holds a number that is not a page number (0, -1, 1.5).
 * @example
 * ```ts
 * selectPages(5, [3, 1, 3]).pages; // [1, 3]
 * selectPages(2, [1, 3]); // { pages: [1], warnings: [{ code: 'pages-out-of-range', … }] }
 * ```
 */
export function selectPages(
  pageCount: number,
  requested: readonly number[] | undefined,
  documentName = 'the document',
): PageSelection {
  if (requested === undefined) {
    return { pages: Array.from({ length: pageCount }, (_, index) => index + 1), warnings: [] };
  }
  if (requested.length === 0) {
    throw new InputError(
      'No pages were requested; list page numbers in OCRConfig.pages, or leave it out for all pages.',
    );
  }
  for (const pageNumber of requested) assertPageNumber(pageNumber);
  const asked = [...new Set(requested)].sort((a, b) => a - b);
  const pages = asked.filter((pageNumber) => pageNumber <= pageCount);
  const missing = asked.filter((pageNumber) => pageNumber > pageCount);
  if (missing.length === 0) return { pages, warnings: [] };
  return { pages, warnings: [outOfRange(missing, pageCount, documentName, pages.length === 0)] };
}

/**
 * Checks that `pageNumber` is a page of a document with `pageCount` pages.
 *
 * @throws {@link InputError} naming the page count when it is not.
 */
export function assertPageExists(pageCount: number, pageNumber: number, documentName = 'the document'): void {
  if (Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= pageCount) return;
  throw new InputError(
    `Page ${pageNumber} was requested but ${documentName} has ${pagesOf(pageCount)}; ask for pages from 1 to ${pageCount} (OCRConfig.pages).`,
  );
}

function assertPageNumber(pageNumber: number): void {
  if (Number.isInteger(pageNumber) && pageNumber >= 1) return;
  throw new InputError(
    `Page ${pageNumber} was requested but pages are numbered from 1; ask for whole page numbers from 1 (OCRConfig.pages).`,
  );
}

function outOfRange(
  missing: readonly number[],
  pageCount: number,
  documentName: string,
  none: boolean,
): Warning {
  const which = missing.length === 1 ? `Page ${missing[0]} was` : `Pages ${asRanges(missing)} were`;
  const outcome = none ? ', so no page of it was processed' : '';
  return {
    code: 'pages-out-of-range',
    message: `${which} skipped: ${documentName} has ${pagesOf(pageCount)}${outcome}.`,
  };
}

function pagesOf(pageCount: number): string {
  return pageCount === 1 ? '1 page' : `${pageCount} pages`;
}

// `--pages 1-500` over a 2-page document must not print 498 numbers: consecutive pages are shown as a range.
function asRanges(sorted: readonly number[]): string {
  const ranges: string[] = [];
  let start = sorted[0] ?? 0;
  sorted.forEach((pageNumber, index) => {
    const next = sorted[index + 1];
    if (next === pageNumber + 1) return;
    ranges.push(start === pageNumber ? `${pageNumber}` : `${start}-${pageNumber}`);
    start = next ?? 0;
  });
  return ranges.join(',');
}
