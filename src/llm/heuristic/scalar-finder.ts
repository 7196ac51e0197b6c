/**
 * Finding the value of each scalar field: every label that names it, every place its value may stand, and
 * one answer per field chosen so that no two fields take the same value.
 *
 * @module
 */

import { containsCentre } from '../../parser/box.js';
import type { BoundingBox } from '../../spec/document.js';
import { comparisonKey, textWords } from '../grounding/normalize.js';
import { amountLabelFit } from './amount-labels.js';
import { checkboxReadings } from './checkbox-marks.js';
import { dateDoubt } from './date-doubt.js';
import { type FieldRole, fieldRole, isAmountRole, isPartyName } from './field-roles.js';
import {
  bestLabelSpan,
  type LabelToken,
  LabelVocabulary,
  labelScore,
  labelTokens,
  MIN_LABEL_SCORE,
  startsWithColonLabel,
} from './label-match.js';
import { type Block, type DocumentLayout, lowestConfidence } from './page-layout.js';
import { isPartyLabel } from './party-blocks.js';
import { roleCandidates, unlabelledFinds } from './role-candidates.js';
import type { Choice, ScalarField } from './schema-fields.js';
import { totalAgreement } from './total-agreement.js';
import { type IsLabelText, labelTextTest, valueFits } from './value-fitness.js';
import { type IsLabelBlock, isRate, valuePlaces } from './value-places.js';
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
  /** Other values found for the field almost as surely: the value was chosen among close competitors. */
  readonly alternatives?: readonly Choice[];
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
  /** Other values the same text gives (a numeric date read the other way round). */
  readonly alternatives?: readonly Choice[];
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
 * 6. for a field playing a role on a business document (see `fieldRole`), the places no label names: the
 *    letterhead for a vendor and its address (0.55 in prominent type, 0.45 as a first line; 0.5), the block under
 *    a party label (`Bill To` 0.85, `Ship To` 0.7) for a customer, the ISO code or symbol on the amounts for a
 *    currency (0.85 a code, 0.7 a symbol, 0.4 a bare `$`), and, when no label names a date, the first date (0.5);
 * 7. for an enum with no label found, the one choice written anywhere in the document (0.5).
 * A candidate's score is that weight times how well the label names the field, how cleanly the text reads as
 * the field's type, its OCR confidence, how well the label fits an amount (a count or a tax summary's total
 * does not; see `amountLabelFit`) and how surely a numeric date's order is known (see `dateDoubt`); string
 * values take the lines they run on to below, but a party's name does not. A value must fit its field (see
 * `valueFits`: no label text, a number for an amount, a date for a date). Of a total's candidates, those that
 * add up (see `totalAgreement`) are preferred. Fields then take their best candidate, highest score first, each
 * place going to one field only, so two fields never share a value. A value chosen over another found almost as
 * surely (92% of its score), or a date nothing orders, is given with its alternatives and a confidence of at
 * most 0.5. Blocks in `skip` (table rows read into arrays) are neither labels nor values.
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
  const isLabelText = labelTextTest(layout, isLabel, fields);
  const roles = fields.map(fieldRole);
  const context = { layout, isLabel, isLabelText, vocabulary, skip };
  // Blocks are visited once, each for the few fields it may name.
  const labelled: Candidate[][] = fields.map(() => []);
  for (const block of layout.blocks) {
    if (block.selected !== undefined || skip.has(block.id)) continue;
    for (const index of vocabulary.fieldsNamedBy(block.tokens)) {
      const field = fields[index] as ScalarField;
      // Not push(...): spread arguments overflow the stack past some 100,000 candidates.
      for (const candidate of labelledCandidates(field, index, roles[index], block, context)) {
        labelled[index]?.push(candidate);
      }
    }
  }
  const finds = unlabelledFinds(layout, isLabel, skip);
  const candidates: Candidate[] = fields.flatMap((field, index) => {
    const role = roles[index];
    const fits = (candidate: Candidate) => valueFits(field, role, candidate.value, isLabelText);
    const own = [...keyValueCandidates(field, index, layout), ...(labelled[index] ?? [])].filter(fits);
    // A date no label names is looked for only when no label names one: a labelled date is the one meant.
    if (role !== 'date' || own.length === 0) {
      for (const candidate of roleCandidates(field, role, finds, context)) {
        const placed = { ...candidate, field: index };
        if (fits(placed)) own.push(placed);
      }
    }
    return own.length > 0 ? own : choiceCandidates(field, index, layout, skip);
  });
  preferAgreeingTotals(candidates, roles, layout);
  candidates.sort((a, b) => b.score - a.score || a.field - b.field || a.order - b.order);
  const chosen = new Map<number, Candidate>();
  const taken = new Set<string>();
  for (const candidate of candidates) {
    if (chosen.has(candidate.field) || taken.has(candidate.place)) continue;
    chosen.set(candidate.field, candidate);
    taken.add(candidate.place);
  }
  const found = new Map<ScalarField, FoundValue>();
  const values = [...chosen.values()].map((candidate) => candidate.value);
  for (const [index, candidate] of chosen) {
    const rivals = [...(candidate.alternatives ?? []), ...closeRivals(candidate, candidates, taken, values)];
    found.set(fields[index] as ScalarField, {
      value: candidate.value,
      confidence: rivals.length === 0 ? candidate.score : Math.min(candidate.score, AMBIGUOUS_CONFIDENCE),
      ...(rivals.length === 0 ? {} : { alternatives: rivals }),
    });
  }
  return found;
}

// What a total that does not add up keeps of its score when another one does.
const DISAGREEING_TOTAL = 0.85;

/**
 * Of the candidates of a total, those that agree with the items above them or with a subtotal plus a tax
 * found (see `totalAgreement`) are preferred: the others lose some of their score, when at least one agrees.
 */
function preferAgreeingTotals(
  candidates: Candidate[],
  roles: readonly (FieldRole | undefined)[],
  layout: DocumentLayout,
): void {
  const numbers = (role: FieldRole) =>
    candidates.flatMap((candidate) =>
      roles[candidate.field] === role && typeof candidate.value === 'number' ? [candidate.value] : [],
    );
  const agrees = totalAgreement(layout, numbers('subtotal'), numbers('tax'));
  const totals = new Set(roles.flatMap((role, index) => (role === 'total' ? [index] : [])));
  for (const field of totals) {
    const own = candidates.flatMap((candidate, at) => (candidate.field === field ? [at] : []));
    const agreeing = own.filter((at) => {
      const { value, order } = candidates[at] as Candidate;
      return typeof value === 'number' && agrees(value, order);
    });
    if (agreeing.length === 0) continue;
    for (const at of own) {
      const candidate = candidates[at] as Candidate;
      if (!agreeing.includes(at))
        candidates[at] = { ...candidate, score: candidate.score * DISAGREEING_TOTAL };
    }
  }
}

// A rival this close to the chosen value's score makes the choice a coin toss; the value is then given with
// at most this confidence.
const RIVAL_SHARE = 0.92;
const AMBIGUOUS_CONFIDENCE = 0.5;

// The other values of the chosen candidate's field found almost as surely, in places no field took, and not
// the value of another field (a header repeated on every page offers it again).
function closeRivals(
  chosen: Candidate,
  candidates: readonly Candidate[],
  taken: ReadonlySet<string>,
  values: readonly Choice[],
): Choice[] {
  const rivals: Choice[] = [];
  for (const candidate of candidates) {
    if (candidate.field !== chosen.field || candidate.score < chosen.score * RIVAL_SHARE) continue;
    if (taken.has(candidate.place) || values.some((value) => sameChoice(value, candidate.value))) continue;
    if (!rivals.some((rival) => sameChoice(rival, candidate.value))) rivals.push(candidate.value);
  }
  return rivals;
}

function sameChoice(a: Choice, b: Choice): boolean {
  return typeof a === 'string' && typeof b === 'string' ? comparisonKey(a) === comparisonKey(b) : a === b;
}

/** What finding a field's labels needs besides the field and the block. */
interface LabelContext {
  readonly layout: DocumentLayout;
  readonly isLabel: IsLabelBlock;
  readonly isLabelText: IsLabelText;
  readonly vocabulary: LabelVocabulary;
  readonly skip: ReadonlySet<number>;
}

// The candidates for a field from one block, when the block holds a label that names it.
function labelledCandidates(
  field: ScalarField,
  index: number,
  role: FieldRole | undefined,
  block: Block,
  { layout, isLabel, vocabulary, skip }: LabelContext,
): Candidate[] {
  // A party's name is one line; an address or a note runs on to the lines below.
  const continues = field.type === 'string' && field.choices === undefined && !isPartyName(field);
  // A typed value (a number, a date, a choice) proves where an unpunctuated label ends, and so does a rate
  // qualifying it (`Tax 13%`); a string does not.
  const valueFrom = continues
    ? undefined
    : (start: number) =>
        readValue(field, wordsText(block, start), layout.dateOrder) !== undefined ||
        block.words.slice(start).every((word) => isRate(word.text));
  const span = bestLabelSpan(block.words, field.labels, { ...(valueFrom ? { valueFrom } : {}), vocabulary });
  if (span === undefined) return [];
  const labelFit =
    role !== undefined && isAmountRole(role) ? amountLabelFit(field, role, block, span.end, layout) : 1;
  if (labelFit === 0) return [];
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
    const doubt = dateDoubt(read, layout);
    candidates.push({
      field: index,
      value: read.value,
      score: span.score * place.weight * read.certainty * ocr * labelFit * doubt.certainty,
      place: place.key,
      order: place.block,
      ...(doubt.alternatives === undefined ? {} : { alternatives: doubt.alternatives }),
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
 * A test of whether a block is a label rather than a value: it starts with words ending in a colon, it is a
 * party label (`Bill To`), or its words before the first with a digit name one of the fields well (`Tax 13%` is
 * the tax's label and rate, not another field's value). Each block's answer is kept.
 */
function labelBlockTest(fields: readonly ScalarField[], vocabulary: LabelVocabulary): IsLabelBlock {
  const known = new Map<number, boolean>();
  return (block) => {
    let label = known.get(block.id);
    if (label === undefined) {
      label =
        startsWithColonLabel(block.words) ||
        isPartyLabel(block) ||
        namesAField(fields, vocabulary, leadingLabel(block));
      known.set(block.id, label);
    }
    return label;
  };
}

function namesAField(
  fields: readonly ScalarField[],
  vocabulary: LabelVocabulary,
  tokens: readonly LabelToken[],
): boolean {
  if (tokens.length === 0) return false;
  return vocabulary.fieldsNamedBy(tokens).some((index) => {
    const field = fields[index] as ScalarField;
    return labelScore(field.labels, tokens, vocabulary) >= LABEL_BLOCK_SCORE;
  });
}

// The tokens of a block's words before its first word with a digit.
function leadingLabel(block: Block): LabelToken[] {
  const firstNumber = block.words.findIndex((word) => /\d/.test(word.text));
  return (firstNumber < 0 ? block.words : block.words.slice(0, firstNumber)).flatMap((word) => word.tokens);
}
