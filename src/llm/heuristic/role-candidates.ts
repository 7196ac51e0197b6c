/**
 * Values that no label of the field names, found by where they stand for the role the field plays: the
 * letterhead for the vendor and its address, party blocks (`Bill To`) for the customer, the currency marked
 * on the amounts.
 *
 * @module
 */

import { isMonthName } from '../grounding/dates.js';
import { textWords } from '../grounding/normalize.js';
import { type FoundCurrency, findCurrency } from './currency.js';
import { dateDoubt } from './date-doubt.js';
import { type FieldRole, isPartyName } from './field-roles.js';
import { findLetterhead, type Letterhead, type PlacedText } from './letterhead.js';
import type { DocumentLayout } from './page-layout.js';
import { findPartyBlocks, type Party, type PartyBlock } from './party-blocks.js';
import type { Choice, ScalarField } from './schema-fields.js';
import type { IsLabelBlock } from './value-places.js';
import { readValue } from './value-readers.js';

/** A value for a field found by its place, not its label. */
export interface RoleCandidate {
  readonly value: Choice;
  /** How sure the place makes it, times how cleanly the text reads as the field's value. */
  readonly score: number;
  /** What the value takes, so that no other field takes it too (as `valuePlaces` keys them). */
  readonly place: string;
  /** Its first block, for reading order. */
  readonly order: number;
  /** Other values the text gives (a numeric date that nothing orders, read the other way round). */
  readonly alternatives?: readonly Choice[];
}

/** What the document shows without labels, each part found on first use. */
export interface UnlabelledFinds {
  letterhead(): Letterhead | undefined;
  parties(): readonly PartyBlock[];
  currency(): FoundCurrency | undefined;
}

/**
 * The unlabelled finds of a document, each worked out when a field first asks for it.
 *
 * @example
 * ```ts
 * const finds = unlabelledFinds(layout, isLabel, skip);
 * finds.letterhead()?.name.text; // 'Harbour Lane Stationers Ltd'
 * ```
 */
export function unlabelledFinds(
  layout: DocumentLayout,
  isLabel: IsLabelBlock,
  skip: ReadonlySet<number>,
): UnlabelledFinds {
  const once = <T>(find: () => T): (() => T) => {
    let known: { value: T } | undefined;
    return () => {
      known ??= { value: find() };
      return known.value;
    };
  };
  return {
    letterhead: once(() => findLetterhead(layout, isLabel, skip)),
    parties: once(() => findPartyBlocks(layout, isLabel, skip)),
    currency: once(() => findCurrency(layout)),
  };
}

/**
 * The candidates of `field` for its `role` from the document's unlabelled finds: the letterhead's name and
 * vendor party blocks for a vendor; their addresses for a vendor's address; customer party blocks for a
 * customer and its address; the amounts' currency for a currency; the first date of the document for a date
 * (a receipt prints its date with no label).
 *
 * @example
 * ```ts
 * roleCandidates(vendorField, 'vendor', finds, layout); // [{ value: 'Harbour Lane Stationers Ltd', score: 0.55, ... }]
 * ```
 */
export function roleCandidates(
  field: ScalarField,
  role: FieldRole | undefined,
  finds: UnlabelledFinds,
  { layout, isLabel, skip }: { layout: DocumentLayout; isLabel: IsLabelBlock; skip: ReadonlySet<number> },
): RoleCandidate[] {
  const texts: PlacedText[] = [];
  const party = (which: Party, part: 'name' | 'address' | 'block') => {
    for (const block of finds.parties()) {
      if (block.party !== which) continue;
      const text = part === 'block' ? wholeBlock(block) : block[part];
      if (text !== undefined) texts.push(text);
    }
  };
  // A field named for a party's block (`bill_to`) takes its name and address; one named for the party, its name.
  const namePart = isPartyName(field) ? 'name' : 'block';
  switch (role) {
    case 'vendor': {
      const name = finds.letterhead()?.name;
      if (name !== undefined) texts.push(name);
      party('vendor', namePart);
      break;
    }
    case 'vendor-address': {
      const address = finds.letterhead()?.address;
      if (address !== undefined) texts.push(address);
      party('vendor', 'address');
      break;
    }
    case 'customer':
      party('customer', namePart);
      break;
    case 'customer-address':
      party('customer', 'address');
      break;
    case 'date': {
      const date = firstDate(field, layout, isLabel, skip);
      if (date !== undefined) texts.push(date);
      break;
    }
    case 'currency': {
      const currency = finds.currency();
      if (currency !== undefined) {
        // A currency is read off an amount, which stays free to be that amount's value.
        const key = `currency:${currency.block.id}`;
        texts.push({ text: currency.code, key, blocks: [currency.block], certainty: currency.certainty });
      }
      break;
    }
    default:
      return [];
  }
  return texts.flatMap((placed): RoleCandidate[] => {
    const first = placed.blocks[0];
    const read = readValue(field, placed.text, layout.dateOrder);
    if (first === undefined || read === undefined) return [];
    const doubt = dateDoubt(read, layout);
    return [
      {
        value: read.value,
        score: placed.certainty * read.certainty * Math.min(1, first.confidence) * doubt.certainty,
        place: placed.key,
        order: first.id,
        ...(doubt.alternatives === undefined ? {} : { alternatives: doubt.alternatives }),
      },
    ];
  });
}

// A date standing alone, with no label, is the document's own date only as a guess.
const UNLABELLED_DATE_CERTAINTY = 0.5;
// Numbers split by date separators (`12/07/2019`, `2019-12-07`).
const NUMERIC_DATE = /\d{1,4}[-/.]\d{1,2}[-/.]\d{2,4}/u;

// The first block in reading order, not a label, that reads as the field's date.
function firstDate(
  field: ScalarField,
  layout: DocumentLayout,
  isLabel: IsLabelBlock,
  skip: ReadonlySet<number>,
): PlacedText | undefined {
  for (const row of layout.rows) {
    for (const id of row.blocks) {
      const block = layout.blocks[id];
      if (block === undefined || block.selected !== undefined || skip.has(id) || !mayHoldDate(block.text)) {
        continue;
      }
      if (isLabel(block) || readValue(field, block.text, layout.dateOrder) === undefined) continue;
      return {
        text: block.text,
        key: `${block.id}:0`,
        blocks: [block],
        certainty: UNLABELLED_DATE_CERTAINTY,
      };
    }
  }
  return undefined;
}

// Whether a text may hold a date: a numeric one, or a month's name beside a number. Most blocks do not, and
// are passed over before the costlier reading.
function mayHoldDate(text: string): boolean {
  return NUMERIC_DATE.test(text) || (/\d/.test(text) && textWords(text).some(isMonthName));
}

function wholeBlock(block: PartyBlock): PlacedText {
  const { name, address } = block;
  if (address === undefined) return name;
  return {
    text: `${name.text} ${address.text}`,
    key: name.key,
    blocks: [...name.blocks, ...address.blocks],
    certainty: name.certainty,
  };
}
