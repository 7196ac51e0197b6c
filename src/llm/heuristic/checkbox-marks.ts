/**
 * Reading a checkbox field from the selection marks beside its label: `Live Delivery: ☐`, `☒ Paid`, or a
 * question answered by ticking `Yes` or `No`.
 *
 * @module
 */

import { unionBox } from '../../parser/box.js';
import type { BoundingBox } from '../../spec/document.js';
import type { LabelSpan } from './label-match.js';
import { type Block, type DocumentLayout, horizontalGap, type LayoutRow } from './page-layout.js';
import type { Choice, ScalarField } from './schema-fields.js';
import { answerWord, checkboxValue } from './value-readers.js';

/** A value a checkbox gives a field, the block it was read from, and how likely that checkbox is the field's. */
export interface MarkReading {
  readonly value: Choice;
  /** The mark, or for an option left blank, its word. */
  readonly block: Block;
  readonly weight: number;
}

/** An answer of a yes-or-no question on the label's row, with the mark ticked or left blank beside it. */
interface Option {
  readonly answer: 'yes' | 'no';
  readonly word: Block;
  readonly mark?: Block;
  readonly gap: number;
}

// How far from its label a checkbox may stand on the label's row, in character widths.
const MAX_MARK_GAP_CHARS = 25;
// How far an option's word (`Yes`) stands from its checkbox, in character widths.
const MAX_OPTION_GAP_CHARS = 3;
// A mark beside its label is a little less certain than a value written after it; a far one less still.
const MARK_WEIGHT = 0.95;
const FAR_MARK_COST = 0.2;

/**
 * The checkbox readings for a label at `span` of `block`, from the marks on the label's row, nearest first:
 * - when the marks stand by `Yes`/`No` words and the field's name ends in one of them (`shelter_no`), the
 *   state of that option's mark; an option without a mark is unticked when the other one is ticked;
 * - when they stand by `Yes`/`No` otherwise, true for a ticked `Yes`, false for a ticked `No`;
 * - else the state of each mark.
 * Marks in `skip` are taken by other fields. Several readings let a second field asking the same question
 * (a spouse's column after the applicant's) take the next checkbox along.
 *
 * @example
 * ```ts
 * checkboxReadings(layout, block, span, liveDeliveryField, new Set())[0]; // { value: false, block: mark, weight: 0.94 } for 'Live Delivery: ☐'
 * ```
 */
export function checkboxReadings(
  layout: DocumentLayout,
  block: Block,
  span: LabelSpan,
  field: ScalarField,
  skip: ReadonlySet<number>,
): MarkReading[] {
  const labelBox = unionBox(block.words.slice(span.start, span.end).map((word) => word.box)) as BoundingBox;
  const row = layout.rows[block.row] as LayoutRow;
  const charWidth = layout.scale(block.page).charWidth;
  const maxGap = MAX_MARK_GAP_CHARS * charWidth;
  const near = row.blocks
    .map((id) => layout.blocks[id] as Block)
    .filter((other) => other.id !== block.id && !skip.has(other.id))
    .map((other) => ({ block: other, gap: horizontalGap(labelBox, other.box) }))
    .filter((other) => other.gap <= maxGap)
    .sort((a, b) => a.gap - b.gap);
  const reading = (from: Block, gap: number, selected: boolean): MarkReading[] => {
    const value = checkboxValue(field, selected);
    if (value === undefined) return [];
    const weight = MARK_WEIGHT * (1 - (FAR_MARK_COST * gap) / Math.max(maxGap, 1e-9)) * from.confidence;
    return [{ value, block: from, weight }];
  };
  const options = optionsOf(near, MAX_OPTION_GAP_CHARS * charWidth);
  if (options.length === 0) {
    return near.flatMap(({ block: mark, gap }) =>
      mark.selected === undefined ? [] : reading(mark, gap, mark.selected),
    );
  }
  const wanted = answerWord(field.name.split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})/u).at(-1) ?? '');
  return options.flatMap((option) => {
    const other = partnerOf(option, options);
    if (wanted !== undefined) {
      if (option.answer !== wanted) return [];
      if (option.mark !== undefined) return reading(option.mark, option.gap, option.mark.selected === true);
      return other?.mark?.selected === true ? reading(option.word, option.gap, false) : [];
    }
    if (option.answer !== 'yes') return [];
    if (option.mark?.selected === true) return reading(option.mark, option.gap, true);
    return other?.mark?.selected === true ? reading(other.mark, other.gap, false) : [];
  });
}

// The `Yes` and `No` words among the blocks near the label, each with its mark: a mark belongs to the word
// just after it (`☒ Yes`), or when there is none, to the word just before it (`Yes ☒`).
function optionsOf(near: readonly { block: Block; gap: number }[], maxMarkGap: number): Option[] {
  const words = near.filter(({ block }) => block.selected === undefined && answerOf(block) !== undefined);
  const owner = new Map<Block, Block>();
  for (const { block: mark } of near) {
    if (mark.selected === undefined) continue;
    const close = words
      .map(({ block }) => block)
      .filter((word) => horizontalGap(mark.box, word.box) <= maxMarkGap);
    const after = close.find((word) => word.box.left >= mark.box.left);
    const word = after ?? close.find((candidate) => candidate.box.left < mark.box.left);
    if (word !== undefined && !owner.has(word)) owner.set(word, mark);
  }
  return words.map(({ block, gap }) => {
    const mark = owner.get(block);
    return {
      answer: answerOf(block) as 'yes' | 'no',
      word: block,
      gap,
      ...(mark === undefined ? {} : { mark }),
    };
  });
}

function answerOf(block: Block): 'yes' | 'no' | undefined {
  return answerWord(block.words[0]?.text ?? '');
}

// The nearest option with the other answer: the other half of the same question.
function partnerOf(option: Option, options: readonly Option[]): Option | undefined {
  return options
    .filter((other) => other.answer !== option.answer)
    .sort(
      (a, b) => horizontalGap(a.word.box, option.word.box) - horizontalGap(b.word.box, option.word.box),
    )[0];
}
