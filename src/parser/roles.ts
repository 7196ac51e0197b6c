/**
 * Layout roles of OCR lines, from the layout blocks a provider found on the page.
 *
 * @module
 */
import type { LayoutBlock, LayoutRole, OcrLine } from '../spec/document.js';
import { centreY, containsCentre } from './box.js';

/** Where a line stands apart from the body of the page. */
export type PageMargin = 'header' | 'footer';

/** The role of the smallest layout block holding each line's centre; lines outside every block have none. */
export function lineRoles(
  lines: readonly OcrLine[],
  layout: readonly LayoutBlock[],
): Map<OcrLine, LayoutRole> {
  const roles = new Map<OcrLine, LayoutRole>();
  if (layout.length === 0) return roles;
  // Smallest first, so a heading inside a larger region (a list, a figure) keeps its own role.
  const blocks = [...layout].sort((a, b) => a.box.width * a.box.height - b.box.width * b.box.height);
  for (const line of lines) {
    const block = blocks.find((candidate) => containsCentre(candidate.box, line.box));
    if (block) roles.set(line, block.role);
  }
  return roles;
}

/**
 * Whether a line with `role` belongs to the page header or footer: a page number goes with the header when it
 * stands in the top half of the page.
 */
export function pageMargin(role: LayoutRole | undefined, line: OcrLine): PageMargin | undefined {
  if (role === 'pageHeader') return 'header';
  if (role === 'pageFooter') return 'footer';
  if (role === 'pageNumber') return centreY(line.box) < 0.5 ? 'header' : 'footer';
  return undefined;
}
