/**
 * The letterhead: the block of text at the top of a document's first page that names who issued it, in its
 * most prominent type, with its address on the lines under it. No label names it; its place does.
 *
 * @module
 */
import { boxRight } from '../../parser/box.js';
import { labelWords } from '../grounding/labels.js';
import type { Block, DocumentLayout } from './page-layout.js';
import type { IsLabelBlock } from './value-places.js';

/** A piece of text found by its place on the page. */
export interface PlacedText {
  readonly text: string;
  /** What the text takes, keyed as `valuePlaces` keys a value: its first block and the word it starts at. */
  readonly key: string;
  /** The blocks it was read from, the first one first. */
  readonly blocks: readonly Block[];
  /** How sure the place makes it, 0..1. */
  readonly certainty: number;
}

/** The issuer's name and address read from the letterhead. */
export interface Letterhead {
  readonly name: PlacedText;
  readonly address?: PlacedText;
}

// The letterhead ends where the document's body starts (a label, an amount), and no lower than this share of
// the first page.
const MAX_LETTERHEAD_TOP = 0.4;
// Type this much taller than the page's usual line sets a name apart from the text under it.
const PROMINENT_HEIGHT = 1.2;
// A name in prominent type is a likelier issuer than the first line of a page set in one size (a receipt).
const PROMINENT_CERTAINTY = 0.55;
const FIRST_LINE_CERTAINTY = 0.45;
const ADDRESS_CERTAINTY = 0.5;
// An address runs over a few lines.
const MAX_ADDRESS_LINES = 4;
// The titles a document gives itself, which are no one's name (canonical words, see `labelWords`).
const DOCUMENT_TITLES = new Set([
  'invoice',
  'tax invoice',
  'receipt',
  'sales receipt',
  'official receipt',
  'cash receipt',
  'bill',
  'statement',
  'quotation',
  'quote',
  'estimate',
  'credit note',
  'debit note',
  'purchase order',
  'order',
  'delivery note',
  'pro forma invoice',
  'proforma invoice',
  'simplified tax invoice',
  'customer copy',
  'merchant copy',
  'welcome',
  'thank you',
]);
// Contact lines stand among an address's lines without being part of it.
const CONTACT = /(?:@|www\.|https?:|\.com\b|\b(?:tel|phone|fax|email|e-mail|web)\b|^\+?[\d\s().-]{7,}$)/iu;
// What makes a line read as part of a postal address: a number (street, postcode), a comma between words, or
// a word streets are named with.
const ADDRESS_LIKE =
  /\d|\p{L},\s*\p{L}|\b(?:street|st|road|rd|avenue|ave|lane|ln|drive|dr|blvd|boulevard|way|suite|floor|jalan|jln|rue|strasse|straße|place|square|park|building|plaza)\b/iu;
const AMOUNT = /\d[.,]\d{2}\b/u;
// Numbers a shop or its till prints under its name (`ST# 1477`, `Reg No. 12345`), which are not its address.
const IDENTIFIER = /#|\b(?:reg|gst|sst|vat|tin|abn)\b/iu;

/**
 * The letterhead of the document, or `undefined` when its first page has no text above its body. The name is
 * the tallest text of the rows above the first label or amount on page 1 (or in its top 40%), the first such
 * line when none is taller, leaving out the document's title, labels, contact lines and text that is mostly
 * digits. The address is the run of the letterhead's lines under the name, within its width, that read as an
 * address (a number, a comma between words, a street word), contact lines left out.
 *
 * @example
 * ```ts
 * findLetterhead(layout, isLabel, new Set())?.name.text; // 'Harbour Lane Stationers Ltd'
 * ```
 */
export function findLetterhead(
  layout: DocumentLayout,
  isLabel: IsLabelBlock,
  skip: ReadonlySet<number>,
): Letterhead | undefined {
  const region = letterheadBlocks(layout, isLabel, skip);
  const names = region.filter(isNameLike);
  if (names.length === 0) return undefined;
  const usual = medianHeight(layout, names[0]?.page ?? 1);
  let name = names[0] as Block;
  for (const block of names) if (block.box.height > name.box.height * 1.05) name = block;
  const prominent = name.box.height >= PROMINENT_HEIGHT * usual;
  const address = addressUnder(name, region, isLabel);
  const addressBlocks = address.flat();
  return {
    name: {
      text: name.text,
      key: `${name.id}:0`,
      blocks: [name],
      certainty: prominent ? PROMINENT_CERTAINTY : FIRST_LINE_CERTAINTY,
    },
    ...(addressBlocks.length === 0
      ? {}
      : {
          address: {
            text: addressBlocks.map((block) => block.text).join(' '),
            key: `${(addressBlocks[0] as Block).id}:0`,
            blocks: addressBlocks,
            certainty: ADDRESS_CERTAINTY,
          },
        }),
  };
}

// The text blocks of page 1 above its body, top to bottom.
function letterheadBlocks(layout: DocumentLayout, isLabel: IsLabelBlock, skip: ReadonlySet<number>): Block[] {
  const firstPage = layout.rows[0]?.page;
  const blocks: Block[] = [];
  for (const row of layout.rows) {
    if (row.page !== firstPage) break;
    const members = row.blocks
      .map((id) => layout.blocks[id] as Block)
      .filter((b) => b.selected === undefined);
    const body = members.some(
      (block) => skip.has(block.id) || (isLabel(block) && !isTitle(block)) || AMOUNT.test(block.text),
    );
    if (body || row.top > MAX_LETTERHEAD_TOP) break;
    blocks.push(...members);
  }
  return blocks;
}

function isTitle(block: Block): boolean {
  return DOCUMENT_TITLES.has(labelWords(block.text).join(' '));
}

function isNameLike(block: Block): boolean {
  const letters = block.text.match(/\p{L}/gu)?.length ?? 0;
  const digits = block.text.match(/\d/gu)?.length ?? 0;
  return letters >= 2 && digits <= letters / 3 && !isTitle(block) && !CONTACT.test(block.text);
}

// The address under the name: the letterhead's lines below it, each the blocks standing within the name's
// width, from the first that reads as an address to the last before one that does not (contact lines skipped).
function addressUnder(name: Block, region: readonly Block[], isLabel: IsLabelBlock): Block[][] {
  const rows = new Map<number, Block[]>();
  for (const block of region) {
    const within = block.box.left >= name.box.left - name.box.height && block.box.left <= boxRight(name.box);
    if (block.row > name.row && within) rows.set(block.row, [...(rows.get(block.row) ?? []), block]);
  }
  const lines: Block[][] = [];
  for (const blocks of [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row)) {
    const text = blocks.map((block) => block.text).join(' ');
    if (CONTACT.test(text)) continue;
    const address =
      ADDRESS_LIKE.test(text) &&
      !IDENTIFIER.test(text) &&
      !blocks.some(isLabel) &&
      !isTitle(blocks[0] as Block);
    if (address) lines.push(blocks);
    else if (lines.length > 0) break;
    if (lines.length === MAX_ADDRESS_LINES) break;
  }
  return lines;
}

function medianHeight(layout: DocumentLayout, page: number): number {
  const heights = layout.blocks
    .filter((block) => block.page === page && block.selected === undefined)
    .map((block) => block.box.height)
    .sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)] ?? 0;
}
