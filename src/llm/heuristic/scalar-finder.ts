/**
 * Finding the value of each scalar field: every label that names it, every place its value may stand, and
 * one answer per field chosen so that no two fields take the same value.
 *
 * @module
 */
import type { BoundingBox } from '../../document/model.js';
import { containsCentre } from '../../parser/box.js';
import { textWords } from '../grounding/normalize.js';
import { checkboxReadings } from './checkbox-marks.js';
import {
  bestLabelSpan,
  LabelVocabulary,
  labelScore,
  labelTokens,
  MIN_LABEL_SCORE,
  startsWithColonLabel,
} from './label-match.js';
import { type Block, type DocumentLayout, lowestConfidence } from './page-layout.js';
import type { Choice, ScalarField } from './schema-fields.js';
import { type IsLabelBlock, valuePlaces } from './value-places.js';
import {
  checkboxValue,
  choicesWritten,
  isCheckboxField,
  type ReadValue,
  readValue,
} from './value-readers.js';

/** A value found for a field, and how sure the extractor is of it, 0..1. */
export interface FoundValue {
  readonly value: Choice;
  readonly confidence: number;
}

/** One possible answer for one field. */
interface Candidate {
  /** The field's index. */
  readonly field: number;
  readonly value: Choice;
  /** Label score × how likely the place holds the value × how cleanly the text reads × OCR confidence. */
  readonly score: number;
  /** What the value takes (a block from a word, a key-value pair, a mark), so that no two fields share it. */
  readonly place: string;
  /** The value's position in reading order, to break ties. */
  readonly order: number;
}

// A block whose whole text names a field this well is that field's label, not another field's value.
const LABEL_BLOCK_SCORE = 0.8;
// An enum choice written without a label is a guess.
const CHOICE_WITHOUT_LABEL = 0.5;

/**
 * The value of each field that can be found, by field. Every label that names a field (see `bestLabelSpan`)
 * offers the places its value may stand, each weighing how likely it holds the value:
 * 1. the value of an OCR key-value pair whose key names the field (1);
 * 2. the text after the label on its line, `Invoice number: INV-3337` (1);
 * 3. for a checkbox field (a boolean, or an enum of checkbox states), a mark on the label's row (0.95, less the
 *    farther it stands; see `checkboxReadings`);
 * 4. the block to the right of the label (0.95, less 0.01 for each character of gap, at least 0.75);
 * 5. the block below it: in the same column when the label is one of a row of column headers, else the nearest
 *    block below within two lines (0.9);
 * 6. for an enum with no label found, the one choice written anywhere in the document (0.5).
 * A candidate's score is that weight times how well the label names the field, how cleanly the text reads as
 * the field's type, and its OCR confidence; string values take the lines they run on to below. Fields then take
 * their best candidate, highest score first, each place going to one field only, so two fields never share a
 * value. Blocks in `skip` (table rows read into arrays) are neither labels nor values.
 *
 * @example
 * ```ts
 * const layout = textLayout('Invoice number: INV-3337\nTotal due:  93.50 USD');
 * findScalars([invoiceNumberField, totalField], layout, new Set());
 * // Map { invoiceNumberField => { value: 'INV-3337', confidence: 1 }, totalField => { value: 93.5, confidence: 0.85 } }
 * ```
 */
export function findScalars(
  fields: readonly ScalarField[],
  layout: DocumentLayout,
  skip: ReadonlySet<number>,
): Map<ScalarField, FoundValue> {
  const vocabulary = new LabelVocabulary(fields.map((field) => field.labels));
  const isLabel = labelBlockTest(fields, vocabulary);
  const context = { layout, isLabel, vocabulary, skip };
  // Blocks are visited once, each for the few fields it may name.
  const labelled: Candidate[][] = fields.map(() => []);
  for (const block of layout.blocks) {
    if (block.selected !== undefined || skip.has(block.id)) continue;
    for (const index of vocabulary.fieldsNamedBy(block.tokens)) {
      // Not push(...): spread arguments overflow the stack past some 100,000 candidates.
      for (const candidate of labelledCandidates(fields[index] as ScalarField, index, block, context)) {
        labelled[index]?.push(candidate);
      }
    }
  }
  const candidates = fields.flatMap((field, index) => {
    const own = [...keyValueCandidates(field, index, layout), ...(labelled[index] ?? [])];
    return own.length > 0 ? own : choiceCandidates(field, index, layout, skip);
  });
  candidates.sort((a, b) => b.score - a.score || a.field - b.field || a.order - b.order);
  const found = new Map<ScalarField, FoundValue>();
  const taken = new Set<string>();
  for (const candidate of candidates) {
    const field = fields[candidate.field] as ScalarField;
    if (found.has(field) || taken.has(candidate.place)) continue;
    found.set(field, { value: candidate.value, confidence: candidate.score });
    taken.add(candidate.place);
  }
  return found;
}

/** What finding a field's labels needs besides the field and the block. */
interface LabelContext {
  readonly layout: DocumentLayout;
  readonly isLabel: IsLabelBlock;
  readonly vocabulary: LabelVocabulary;
  readonly skip: ReadonlySet<number>;
}

// The candidates for a field from one block, when the block holds a label that names it.
function labelledCandidates(
  field: ScalarField,
  index: number,
  block: Block,
  { layout, isLabel, vocabulary, skip }: LabelContext,
): Candidate[] {
  const continues = field.type === 'string' && field.choices === undefined;
  // A typed value (a number, a date, a choice) proves where an unpunctuated label ends; a string does not.
  const valueFrom = continues
    ? undefined
    : (start: number) => readValue(field, wordsText(block, start), layout.dateOrder) !== undefined;
  const span = bestLabelSpan(block.words, field.labels, { ...(valueFrom ? { valueFrom } : {}), vocabulary });
  if (span === undefined) return [];
  const candidates: Candidate[] = [];
  if (isCheckboxField(field)) {
    for (const reading of checkboxReadings(layout, block, span, field, skip)) {
      candidates.push({
        field: index,
        value: reading.value,
        score: span.score * reading.weight,
        place: `${reading.block.id}:0`,
        order: reading.block.id,
      });
    }
  }
  for (const place of valuePlaces(layout, block, span, isLabel, skip)) {
    const { text, words } = continues ? place.continued : place;
    const read = readValue(field, text, layout.dateOrder);
    if (read === undefined) continue;
    const ocr = Math.min(1, lowestConfidence(words));
    candidates.push({
      field: index,
      value: read.value,
      score: span.score * place.weight * read.certainty * ocr,
      place: place.key,
      order: place.block,
    });
  }
  return candidates;
}

function wordsText(block: Block, start: number): string {
  return block.words
    .slice(start)
    .map((word) => word.text)
    .join(' ');
}

function keyValueCandidates(field: ScalarField, index: number, layout: DocumentLayout): Candidate[] {
  return layout.keyValues.flatMap(({ page, pair }, pairIndex): Candidate[] => {
    const score = labelScore(field.labels, textWords(pair.key).flatMap(labelTokens));
    if (score < MIN_LABEL_SCORE) return [];
    const read =
      readValue(field, pair.value, layout.dateOrder) ?? markInside(layout, page, pair.valueBox, field);
    if (read === undefined) return [];
    const confidence = pair.confidence ?? 1;
    return [
      {
        field: index,
        value: read.value,
        score: score * read.certainty * confidence,
        place: `kv${pairIndex}`,
        order: -1,
      },
    ];
  });
}

// A checkbox pair's value is the state of the mark in its value box.
function markInside(
  layout: DocumentLayout,
  page: number,
  box: BoundingBox | undefined,
  field: ScalarField,
): ReadValue | undefined {
  if (box === undefined) return undefined;
  const mark = layout.blocks.find(
    (block) => block.page === page && block.selected !== undefined && containsCentre(box, block.box),
  );
  const value = mark === undefined ? undefined : checkboxValue(field, mark.selected === true);
  return value === undefined ? undefined : { value, certainty: 1 };
}

// An enum without a label on the page may still be written once: `PAID` stamped on an invoice.
function choiceCandidates(
  field: ScalarField,
  index: number,
  layout: DocumentLayout,
  skip: ReadonlySet<number>,
): Candidate[] {
  if (field.choices === undefined || isCheckboxField(field)) return [];
  const seen = new Map<Choice, Block>();
  for (const block of layout.blocks) {
    if (skip.has(block.id) || block.selected !== undefined) continue;
    for (const choice of choicesWritten(block.text, field.choices)) {
      if (!seen.has(choice)) seen.set(choice, block);
    }
  }
  if (seen.size !== 1) return [];
  const [[value, block]] = [...seen] as [[Choice, Block]];
  return [
    {
      field: index,
      value,
      score: CHOICE_WITHOUT_LABEL * block.confidence,
      place: `${block.id}:0`,
      order: block.id,
    },
  ];
}

/**
 * A test of whether a block is a label rather than a value: it starts with words ending in a colon, or, having
 * no digits, its whole text names one of the fields well. Each block's answer is kept.
 */
function labelBlockTest(fields: readonly ScalarField[], vocabulary: LabelVocabulary): IsLabelBlock {
  const known = new Map<number, boolean>();
  return (block) => {
    let label = known.get(block.id);
    if (label === undefined) {
      label =
        startsWithColonLabel(block.words) ||
        (!/\d/.test(block.text) && namesAField(fields, vocabulary, block));
      known.set(block.id, label);
    }
    return label;
  };
}

function namesAField(fields: readonly ScalarField[], vocabulary: LabelVocabulary, block: Block): boolean {
  return vocabulary.fieldsNamedBy(block.tokens).some((index) => {
    const field = fields[index] as ScalarField;
    return labelScore(field.labels, block.tokens, vocabulary) >= LABEL_BLOCK_SCORE;
  });
}
