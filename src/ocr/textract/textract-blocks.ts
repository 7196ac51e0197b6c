/**
 * Following Textract's block graph: blocks by id, related blocks, and the text under a block.
 *
 * @module
 */
import type { Block, RelationshipType } from '@aws-sdk/client-textract';

/** A response's blocks by id, so relationships resolve in constant time. */
export type BlockIndex = ReadonlyMap<string, Block>;

/** The blocks of a response by id. */
export function indexBlocks(blocks: readonly Block[]): BlockIndex {
  const index = new Map<string, Block>();
  for (const block of blocks) if (block.Id !== undefined) index.set(block.Id, block);
  return index;
}

/** The blocks `block` points to through relationships of `type`, in the order Textract lists them. */
export function relatedBlocks(index: BlockIndex, block: Block, type: RelationshipType): Block[] {
  const related: Block[] = [];
  for (const relationship of block.Relationships ?? []) {
    if (relationship.Type !== type) continue;
    for (const id of relationship.Ids ?? []) {
      const target = index.get(id);
      if (target !== undefined) related.push(target);
    }
  }
  return related;
}

/**
 * The text of a block's child words and selection marks (`[X]` selected, `[ ]` not), space-separated:
 * how key-value sets, cells, titles and footers carry their content.
 */
export function childText(index: BlockIndex, block: Block): string {
  const parts: string[] = [];
  for (const child of relatedBlocks(index, block, 'CHILD')) {
    if (child.BlockType === 'WORD' && child.Text) parts.push(child.Text);
    else if (child.BlockType === 'SELECTION_ELEMENT') parts.push(isSelected(child) ? '[X]' : '[ ]');
  }
  return parts.join(' ');
}

/** Whether a selection element is ticked. */
export function isSelected(block: Block): boolean {
  return block.SelectionStatus === 'SELECTED';
}

/** Whether Textract tagged a block with an entity type (`KEY`, `COLUMN_HEADER`, ...). */
export function hasEntityType(block: Block, type: string): boolean {
  return (block.EntityTypes as readonly string[] | undefined)?.includes(type) ?? false;
}
