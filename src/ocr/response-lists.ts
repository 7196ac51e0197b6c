/**
 * Reading lists out of a vendor's OCR response, which arrives as JSON no SDK checks.
 *
 * @module
 */

/**
 * The objects of a list in a response: a malformed response may hold anything, so what is no list has no
 * items, and items that are no object (nothing to map) are left out.
 */
export function objectsIn<T extends object>(list: readonly T[] | undefined): T[] {
  return Array.isArray(list) ? list.filter((item) => typeof item === 'object' && item !== null) : [];
}
