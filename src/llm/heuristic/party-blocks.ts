/**
 * Party blocks: the name and address under a label that says whose they are (`Bill To`, `Ship To`,
 * `Customer`, `From`), read for fields whose schema names the party by another word (`buyer`, `seller`).
 *
 * @module
 */
import { labelWords } from '../grounding/labels.js';
import { endsWithColon } from './label-match.js';
import type { PlacedText } from './letterhead.js';
import type { Block, DocumentLayout } from './page-layout.js';
import { type IsLabelBlock, valuePlaces } from './value-places.js';

/** Which party a block names. */
export type Party = 'customer' | 'vendor';

/** A party's name and address, read from the block under (or beside) its label. */
export interface PartyBlock {
  readonly party: Party;
  readonly name: PlacedText;
  readonly address?: PlacedText;
}

// The labels of party blocks, as canonical words (see `labelWords`), and how surely each names the party:
// `Bill To` is the customer billed; `Ship To` may be another address of theirs; a bare `To` is a letter's.
const PARTY_LABELS: ReadonlyMap<string, { party: Party; certainty: number }> = new Map([
  ['bill to', { party: 'customer', certainty: 0.85 }],
  ['billed to', { party: 'customer', certainty: 0.85 }],
  ['invoice to', { party: 'customer', certainty: 0.85 }],
  ['invoiced to', { party: 'customer', certainty: 0.85 }],
  ['sold to', { party: 'customer', certainty: 0.85 }],
  ['customer', { party: 'customer', certainty: 0.85 }],
  ['client', { party: 'customer', certainty: 0.8 }],
  ['buyer', { party: 'customer', certainty: 0.85 }],
  ['bill', { party: 'customer', certainty: 0.6 }],
  ['ship to', { party: 'customer', certainty: 0.7 }],
  ['deliver to', { party: 'customer', certainty: 0.65 }],
  ['to', { party: 'customer', certainty: 0.6 }],
  ['from', { party: 'vendor', certainty: 0.7 }],
  ['seller', { party: 'vendor', certainty: 0.85 }],
  ['vendor', { party: 'vendor', certainty: 0.85 }],
  ['supplier', { party: 'vendor', certainty: 0.85 }],
  ['sold by', { party: 'vendor', certainty: 0.85 }],
  ['issued by', { party: 'vendor', certainty: 0.8 }],
  ['remit to', { party: 'vendor', certainty: 0.7 }],
  ['pay to', { party: 'vendor', certainty: 0.7 }],
]);
// The longest party label, in words (`Invoiced to:`).
const MAX_PARTY_LABEL_WORDS = 3;
// An address under a name is a little less sure than the name its label announces.
const ADDRESS_SHARE = 0.9;

/**
 * The party blocks of the document, most certain first: each block whose text, or whose words before a colon,
 * are a party label, with the value beside or below it (see `valuePlaces`): its first line the party's name,
 * the lines it runs on to its address.
 *
 * @example
 * ```ts
 * findPartyBlocks(textLayout('Bill to:\nGlobex Ltd\n1 Main St'), isLabel, new Set());
 * // [{ party: 'customer', name: { text: 'Globex Ltd', ... }, address: { text: '1 Main St', ... } }]
 * ```
 */
export function findPartyBlocks(
  layout: DocumentLayout,
  isLabel: IsLabelBlock,
  skip: ReadonlySet<number>,
): PartyBlock[] {
  const found: PartyBlock[] = [];
  for (const block of layout.blocks) {
    if (block.selected !== undefined || skip.has(block.id) || /\d/.test(block.text)) continue;
    const end = labelEnd(block);
    const label = partyLabel(block, end);
    if (label === undefined) continue;
    const span = { start: 0, end, score: 1, colon: endsWithColon(block.words[end - 1]?.text ?? '') };
    const place = valuePlaces(layout, block, span, isLabel, skip).sort((a, b) => b.weight - a.weight)[0];
    if (place === undefined) continue;
    const certainty = label.certainty * place.weight;
    const lines = place.continued.words.slice(place.words.length);
    const valueBlocks = blocksOf(layout, place.block, lines.length);
    found.push({
      party: label.party,
      name: { text: place.text, key: place.key, blocks: valueBlocks.slice(0, 1), certainty },
      ...(lines.length === 0
        ? {}
        : {
            address: {
              text: lines.map((word) => word.text).join(' '),
              key: `${(valueBlocks[1] ?? (valueBlocks[0] as Block)).id}:0`,
              blocks: valueBlocks.slice(1),
              certainty: certainty * ADDRESS_SHARE,
            },
          }),
    });
  }
  return found.sort((a, b) => b.name.certainty - a.name.certainty);
}

/**
 * Whether the block is a party label and nothing else (`Bill To:`, `Ship to`, `From`): a label, never a value.
 *
 * @example
 * ```ts
 * isPartyLabel(block('Bill To:')); // true
 * isPartyLabel(block('Bill To: Globex Ltd')); // false
 * ```
 */
export function isPartyLabel(block: Block): boolean {
  const count = block.words.length;
  if (count === 0 || count > MAX_PARTY_LABEL_WORDS || /\d/.test(block.text)) return false;
  return labelEnd(block) === count && partyLabel(block, count) !== undefined;
}

function partyLabel(block: Block, end: number): { party: Party; certainty: number } | undefined {
  const words = block.words.slice(0, end).map((word) => word.text);
  return PARTY_LABELS.get(labelWords(words.join(' ')).join(' '));
}

// Where the label ends: at the first word ending in a colon, else with the block.
function labelEnd(block: Block): number {
  const colon = block.words.findIndex((word) => endsWithColon(word.text));
  return colon < 0 ? block.words.length : colon + 1;
}

// The value's block and the blocks it runs on to below, as many as hold its continued lines' words.
function blocksOf(layout: DocumentLayout, first: number, continuedWords: number): Block[] {
  const blocks: Block[] = [];
  let words = 0;
  for (let block = layout.blocks[first]; block !== undefined; block = layout.blocks[block.below ?? -1]) {
    blocks.push(block);
    if (blocks.length > 1) words += block.words.length;
    if (words >= continuedWords) break;
  }
  return blocks;
}
