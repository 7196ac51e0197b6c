/**
 * Textract LAYOUT_* (and SIGNATURE) blocks as provider-neutral layout blocks.
 *
 * @module
 */
import type { Block } from '@aws-sdk/client-textract';
import type { LayoutBlock, LayoutRole } from '../../document/model.js';
import { type BlockIndex, relatedBlocks } from './textract-blocks.js';
import { textractBox } from './textract-geometry.js';

const ROLES: Readonly<Record<string, LayoutRole>> = {
  LAYOUT_TITLE: 'title',
  LAYOUT_SECTION_HEADER: 'sectionHeading',
  LAYOUT_TEXT: 'paragraph',
  LAYOUT_LIST: 'list',
  LAYOUT_TABLE: 'table',
  LAYOUT_FIGURE: 'figure',
  LAYOUT_HEADER: 'pageHeader',
  LAYOUT_FOOTER: 'pageFooter',
  LAYOUT_PAGE_NUMBER: 'pageNumber',
  LAYOUT_KEY_VALUE: 'keyValue',
  // The model has no signature role; 'other' keeps where a signature is without inventing text for it.
  SIGNATURE: 'other',
};

/** The layout block a Textract block describes, or `undefined` when it is not a layout block. */
export function mapTextractLayout(index: BlockIndex, block: Block): LayoutBlock | undefined {
  const role = block.BlockType === undefined ? undefined : ROLES[block.BlockType];
  if (role === undefined) return undefined;
  const text = layoutText(index, block);
  return { role, box: textractBox(block.Geometry), ...(text === '' ? {} : { text }) };
}

// A layout block's children are LINEs, or for LAYOUT_LIST the LAYOUT_TEXT blocks of its items.
function layoutText(index: BlockIndex, block: Block): string {
  return relatedBlocks(index, block, 'CHILD')
    .map((child) => (child.BlockType === 'LINE' ? (child.Text ?? '') : layoutText(index, child)))
    .filter(Boolean)
    .join('\n');
}
