/**
 * Which pages of a document to process.
 *
 * @module
 */
import { InputError } from '../../errors.js';

/**
 * The pages to process: the `requested` ones (1-based) in document order without repeats, or all.
 *
 * @param pageCount - The number of pages the document has.
 * @param requested - Page numbers asked for (`OCRConfig.pages`); `undefined` for all pages.
 * @returns 1-based page numbers in ascending order.
 * @throws {@link InputError} naming the page count when a requested page does not exist, or when `requested` is empty.
 * @example
 * ```ts
 * selectPages(5, [3, 1, 3]); // [1, 3]
 * selectPages(2, undefined); // [1, 2]
 * ```
 */
export function selectPages(pageCount: number, requested: readonly number[] | undefined): number[] {
  if (requested === undefined) return Array.from({ length: pageCount }, (_, index) => index + 1);
  if (requested.length === 0) {
    throw new InputError(
      'No pages were requested; list page numbers in OCRConfig.pages, or leave it out for all pages.',
    );
  }
  for (const pageNumber of requested) assertPageExists(pageCount, pageNumber);
  return [...new Set(requested)].sort((a, b) => a - b);
}

/**
 * Checks that `pageNumber` is a page of a document with `pageCount` pages.
 *
 * @throws {@link InputError} naming the page count when it is not.
 */
export function assertPageExists(pageCount: number, pageNumber: number, documentName = 'the document'): void {
  if (Number.isInteger(pageNumber) && pageNumber >= 1 && pageNumber <= pageCount) return;
  const pages = pageCount === 1 ? '1 page' : `${pageCount} pages`;
  throw new InputError(
    `Page ${pageNumber} was requested but ${documentName} has ${pages}; ask for pages from 1 to ${pageCount} (OCRConfig.pages).`,
  );
}
