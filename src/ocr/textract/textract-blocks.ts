/**
 * Following Textract's block graph: blocks by id, related blocks, and the text under a block. A malformed
 * response may hold anything anywhere, so what cannot be read as Textract documents it (a list that is no list,
 * text that is no string) reads as absent rather than throwing.
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
  const relationships = block.Relationships;
  if (!Array.isArray(relationships)) return;
  for (const relationship of relationships) {
    // Not `relationship?.Type`: optional chaining is measurably slower on this hot path.
    if (typeof relationship !== 'object' || relationship === null || relationship.Type !== type) continue;
    const ids = relationship.Ids;
    if (!Array.isArray(ids)) continue;
    // Ids that name no block (dangling) are skipped; a block naming itself is visited like any other.
    for (const id of ids) {
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
    if (child.BlockType === 'WORD') {
      const text = textOf(child.Text);
      if (text !== '') parts.push(text);
    } else if (child.BlockType === 'SELECTION_ELEMENT') parts.push(isSelected(child) ? '[X]' : '[ ]');
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

/** A block's (or an expense field's) `Text`, `''` when it has none. */
export function textOf(text: string | undefined): string {
  return typeof text === 'string' ? text : '';
}

/** Whether a selection element is ticked. */
export function isSelected(block: Block): boolean {
  return block.SelectionStatus === 'SELECTED';
}

/** Whether Textract tagged a block with an entity type (`KEY`, `COLUMN_HEADER`, ...). */
export function hasEntityType(block: Block, type: string): boolean {
  const types: readonly string[] | undefined = block.EntityTypes;
  return Array.isArray(types) && types.includes(type);
}
