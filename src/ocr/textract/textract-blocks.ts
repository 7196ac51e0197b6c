/**
 * Following Textract's block graph: blocks by id, related blocks, and the text under a block.
 *
 * @module
 */
import type { Block, RelationshipType } from '@aws-sdk/client-textract';

/** A response's blocks by id, so relationships resolve in constant time. */
export type BlockIndex = ReadonlyMap<string, Block>;

/**
 * Calls `visit` with each block `block` points to through relationships of `type`, in the order Textract
 * lists them: the hot paths (a line's words, a cell's words) walk them without collecting them first.
 */
export function forEachRelated(
  index: BlockIndex,
  block: Block,
  type: RelationshipType,
  visit: (target: Block) => void,
): void {
  for (const relationship of block.Relationships ?? []) {
    if (relationship.Type !== type) continue;
    for (const id of relationship.Ids ?? []) {
      const target = index.get(id);
      if (target !== undefined) visit(target);
    }
  }
}

/** The blocks `block` points to through relationships of `type`, in the order Textract lists them. */
export function relatedBlocks(index: BlockIndex, block: Block, type: RelationshipType): Block[] {
  const related: Block[] = [];
  forEachRelated(index, block, type, (target) => related.push(target));
  return related;
}

/**
 * The text of a block's child words and selection marks (`[X]` selected, `[ ]` not), space-separated:
 * how key-value sets, cells, titles and footers carry their content.
 */
export function childText(index: BlockIndex, block: Block): string {
  const parts: string[] = [];
  forEachRelated(index, block, 'CHILD', (child) => {
    if (child.BlockType === 'WORD' && child.Text) parts.push(child.Text);
    else if (child.BlockType === 'SELECTION_ELEMENT') parts.push(isSelected(child) ? '[X]' : '[ ]');
  });
  return parts.join(' ');
}

/** The texts of `blocks` that are not empty, joined with `separator`. */
export function joinTexts(
  blocks: readonly Block[],
  textOf: (block: Block) => string,
  separator: string,
): string {
  const texts: string[] = [];
  for (const block of blocks) {
    const text = textOf(block);
    if (text !== '') texts.push(text);
  }
  return texts.join(separator);
}

/** Whether a selection element is ticked. */
export function isSelected(block: Block): boolean {
  return block.SelectionStatus === 'SELECTED';
}

/** Whether Textract tagged a block with an entity type (`KEY`, `COLUMN_HEADER`, ...). */
export function hasEntityType(block: Block, type: string): boolean {
  return (block.EntityTypes as readonly string[] | undefined)?.includes(type) ?? false;
}
