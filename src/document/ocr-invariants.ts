/**
 * The invariants of an `OcrDocument` that every reader relies on, as predicates shared by the run-time repair
 * ({@link sanitizeOcrDocument}) and the test-time check (`validateOcrDocument` in `docpipe/testing`).
 *
 * @module
 */
import {
  type BoundingBox,
  LAYOUT_ROLES,
  type LayoutRole,
  type OcrTableCell,
  PAGE_UNITS,
} from '../spec/document.js';

// Providers round; a thousandth of the page is no real excursion.
const EPSILON = 1e-3;

const UNITS: ReadonlySet<string> = new Set(PAGE_UNITS);
const ROLES: ReadonlySet<string> = new Set(LAYOUT_ROLES);

/** Whether `box` has four finite numbers, no negative size, and lies on the page (within rounding). */
export function isBoxInPage(box: BoundingBox): boolean {
  return (
    box.left >= -EPSILON &&
    box.top >= -EPSILON &&
    box.width >= 0 &&
    box.height >= 0 &&
    box.left + box.width <= 1 + EPSILON &&
    box.top + box.height <= 1 + EPSILON
  );
}

/** Whether `value` is a confidence: a number in 0..1. */
export function isConfidence(value: unknown): value is number {
  return typeof value === 'number' && value >= 0 && value <= 1;
}

/** Whether `unit` is one a page's size can be given in. */
export function isPageUnit(unit: unknown): unit is (typeof PAGE_UNITS)[number] {
  return typeof unit === 'string' && UNITS.has(unit);
}

/** Whether `role` is a layout role. */
export function isLayoutRole(role: unknown): role is LayoutRole {
  return typeof role === 'string' && ROLES.has(role);
}

/** The stable id of line `index` (0-based) on page `pageNumber`: `p1-l12`. */
export function lineId(pageNumber: number, index: number): string {
  return `p${pageNumber}-l${index}`;
}

/** The stable id of a table cell: `p1-t0-r2-c3`. */
export function cellId(pageNumber: number, table: number, row: number, column: number): string {
  return `p${pageNumber}-t${table}-r${row}-c${column}`;
}

/**
 * The rows and columns a table's grid needs: at least `claimed` (a provider's counts), and enough to hold every
 * cell with its spans, which a malformed response's counts may fall short of.
 */
export function tableExtent(
  cells: readonly OcrTableCell[],
  claimed: { readonly rowCount: number; readonly columnCount: number } = { rowCount: 0, columnCount: 0 },
): { rowCount: number; columnCount: number } {
  let { rowCount, columnCount } = claimed;
  for (const cell of cells) {
    rowCount = Math.max(rowCount, cell.rowIndex + cell.rowSpan);
    columnCount = Math.max(columnCount, cell.columnIndex + cell.columnSpan);
  }
  return { rowCount, columnCount };
}

/** A table row or column index or count: a whole number, 0 or more; `undefined` for anything else. */
export function gridNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** The pattern of a line id on page `pageNumber`: `p2-l14`. */
export function lineIdPattern(pageNumber: number): RegExp {
  return new RegExp(`^p${pageNumber}-l\\d+$`);
}

/** The pattern of a table cell id on page `pageNumber`: `p2-t0-r3-c1`. */
export function cellIdPattern(pageNumber: number): RegExp {
  return new RegExp(`^p${pageNumber}-t\\d+-r\\d+-c\\d+$`);
}

/**
 * Control characters no text of a line or word may hold: they would break a line of the character grid, or
 * smuggle terminal escapes and NULs into prompts and logs.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job.
export const LINE_CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** Control characters no cell or form value may hold; tabs and line breaks are kept, the parsers collapse them. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job.
export const CELL_CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
