/**
 * Textract LAYOUT_* (and SIGNATURE) blocks as provider-neutral layout blocks.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import type { LayoutBlock, LayoutRole } from '../../spec/document.js';
import { type BlockIndex, joinTexts, relatedBlocks, textOf } from './textract-blocks.js';
import { textractBox } from './textract-geometry.js';

// A map, not an object: most blocks are no layout block, and a miss walks no prototype chain.
const ROLES: ReadonlyMap<string | undefined, LayoutRole> = new Map<string, LayoutRole>([
  ['LAYOUT_TITLE', 'title'],
  ['LAYOUT_SECTION_HEADER', 'sectionHeading'],
  ['LAYOUT_TEXT', 'paragraph'],
  ['LAYOUT_LIST', 'list'],
  ['LAYOUT_TABLE', 'table'],
  ['LAYOUT_FIGURE', 'figure'],
  ['LAYOUT_HEADER', 'pageHeader'],
  ['LAYOUT_FOOTER', 'pageFooter'],
  ['LAYOUT_PAGE_NUMBER', 'pageNumber'],
  ['LAYOUT_KEY_VALUE', 'keyValue'],
  // The model has no signature role; 'other' keeps where a signature is without inventing text for it.
  ['SIGNATURE', 'other'],
]);

/** Whether a block is a layout block (LAYOUT_* or SIGNATURE). */
export function isTextractLayout(block: Block): boolean {
  return ROLES.has(block.BlockType);
}

/** The layout block a Textract layout block describes (see {@link isTextractLayout}). */
export function mapTextractLayout(index: BlockIndex, block: Block): LayoutBlock {
  const role = ROLES.get(block.BlockType) as LayoutRole;
  const text = layoutText(index, block);
  const box = textractBox(block.Geometry);
  return text === '' ? { role, box } : { role, box, text };
}

/**
 * A layout block's children are LINEs, or for LAYOUT_LIST the LAYOUT_TEXT blocks of its items, whose children
 * are LINEs: text is never nested deeper, and going no deeper keeps a malformed response whose blocks are their
 * own descendants (a cycle) from recursing forever.
 */
function layoutText(index: BlockIndex, block: Block, nested = false): string {
  return joinTexts(
    relatedBlocks(index, block, 'CHILD'),
    (child) => {
      if (child.BlockType === 'LINE') return textOf(child.Text);
      return nested ? '' : layoutText(index, child, true);
    },
    '\n',
  );
}
