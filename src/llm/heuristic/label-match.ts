/**
 * How well the words on a page name a schema field: the grounding module's label similarity, made tolerant of
 * OCR noise (`lnvoice`) and of abbreviations written with a full stop (`Delv.` for `delivery`), and where in a
 * block of words a label stands.
 *
 * @module
 */
import { boundedEditDistance, fuzzyBudget } from '../grounding/edit-distance.js';
import { labelSimilarity, labelWords, wordsMatch } from '../grounding/labels.js';

/** One way a document may name a field: canonical words (see `labelWords`) and how much a match on them counts. */
export interface LabelForm {
  readonly words: readonly string[];
  /** 0..1: 1 for the field's name, title and aliases; less for forms guessed from a description or a parent. */
  readonly weight: number;
}

/** One canonical word of the page, and whether it was written as an abbreviation (`Delv.`). */
export interface LabelToken {
  readonly word: string;
  readonly abbreviated: boolean;
}

/** The least score at which text counts as naming a field: half the words in common. */
export const MIN_LABEL_SCORE = 0.5;

// A label is a short phrase; more words than this are running text.
const MAX_LABEL_WORDS = 6;
// A score this high says the words are the field's name, give or take a misread letter.
const NAMING_SCORE = 0.9;
// The longest acronym read from a label's initials.
const MAX_ACRONYM = 5;
// What reading a word as another (OCR noise, an abbreviation) takes off the similarity.
const NOISY_WORD_COST = 0.1;

/**
 * The label tokens of one OCR word: its canonical words, flagged as abbreviated when the word is a single one
 * that ends in a full stop.
 *
 * @example
 * ```ts
 * labelTokens('Delv.'); // [{ word: 'delv', abbreviated: true }]
 * labelTokens('ID#:');  // [{ word: 'number', abbreviated: false }, { word: 'number', abbreviated: false }]
 * ```
 */
export function labelTokens(text: string): LabelToken[] {
  const words = labelWords(text);
  const abbreviated = words.length === 1 && /\p{L}\.[^\p{L}\p{N}]*$/u.test(text);
  return words.map((word) => ({ word, abbreviated }));
}

/**
 * How well `tokens` name a field with these forms, 0..1: the best form's weight times its similarity. Label
 * words that are not the field's words but read as one (within OCR's edit budget, or an abbreviation of it)
 * count as that word, at a small cost each; a word repeated in the label (`# No.`) counts once. With a
 * `vocabulary`, whose answers for each page word are kept, those readings are not worked out again.
 *
 * @example
 * ```ts
 * labelScore([{ words: ['invoice', 'date'], weight: 1 }], labelTokens('lnvoice').concat(labelTokens('Date:'))); // 0.9
 * ```
 */
export function labelScore(
  forms: readonly LabelForm[],
  tokens: readonly LabelToken[],
  vocabulary?: LabelVocabulary,
): number {
  const reads = vocabulary === undefined ? readsAs : vocabulary.reads;
  let best = 0;
  for (const form of forms) best = Math.max(best, form.weight * similarity(form.words, tokens, reads));
  return best;
}

/** Whether a word of the page may be read as a word of a field's label (see {@link labelScore}). */
type WordReading = (token: LabelToken, fieldWord: string) => boolean;

/**
 * The words of a schema's labels, and which of them each word of a page may stand for, worked out once per
 * page word: it finds, before any scoring, the few fields a block of words may name (those sharing a word with
 * it, or spelt by its initials), and keeps the readings {@link labelScore} needs.
 *
 * @example
 * ```ts
 * const vocabulary = new LabelVocabulary([invoiceDate.labels, total.labels]);
 * vocabulary.fieldsNamedBy(labelTokens('lnvoice')); // [0]
 * vocabulary.fieldsNamedBy(labelTokens('Thanks'));  // []
 * ```
 */
export class LabelVocabulary {
  /** The fields each label word belongs to, by their index in the list given. */
  readonly #fieldsOfWord = new Map<string, number[]>();
  /** The label words short enough to be spelt by initials. */
  readonly #acronyms: readonly string[];
  readonly #meanings = new Map<string, ReadonlySet<string>>();

  constructor(fields: readonly (readonly LabelForm[])[]) {
    fields.forEach((forms, index) => {
      for (const word of new Set(forms.flatMap((form) => form.words))) {
        const owners = this.#fieldsOfWord.get(word);
        if (owners === undefined) this.#fieldsOfWord.set(word, [index]);
        else owners.push(index);
      }
    });
    this.#acronyms = [...this.#fieldsOfWord.keys()].filter(
      (word) => word.length >= 2 && word.length <= MAX_ACRONYM,
    );
  }

  /** Whether a page word may stand for a label word, from the answers kept. */
  readonly reads: WordReading = (token, fieldWord) => this.#standsFor(token).has(fieldWord);

  /** The indexes of the fields `tokens` may name, in ascending order. */
  fieldsNamedBy(tokens: readonly LabelToken[]): number[] {
    const named = new Set<number>();
    const add = (word: string) => {
      for (const field of this.#fieldsOfWord.get(word) ?? []) named.add(field);
    };
    for (const token of tokens) for (const word of this.#standsFor(token)) add(word);
    const initials = tokens.map((token) => token.word[0]).join('');
    for (const word of this.#acronyms) if (initials.includes(word)) add(word);
    return [...named].sort((a, b) => a - b);
  }

  #standsFor(token: LabelToken): ReadonlySet<string> {
    const key = `${token.abbreviated ? '.' : ''}${token.word}`;
    let words = this.#meanings.get(key);
    if (words === undefined) {
      words = new Set(
        [...this.#fieldsOfWord.keys()].filter((word) => wordsMatch(word, token.word) || readsAs(token, word)),
      );
      this.#meanings.set(key, words);
    }
    return words;
  }
}

/** Where a label stands in a run of words: words `start` up to `end`, and how well it names the field. */
export interface LabelSpan {
  readonly start: number;
  readonly end: number;
  readonly score: number;
  /** Whether the label ends with a colon, which says for certain that a value follows. */
  readonly colon: boolean;
}

/** A word of a block as {@link bestLabelSpan} reads it. */
export interface SpanWord {
  readonly text: string;
  readonly tokens: readonly LabelToken[];
}

/**
 * The span of `words` that best names a field, or `undefined` when none reaches {@link MIN_LABEL_SCORE}.
 * A label has no digits and at most six words. It starts the block (after any bullet or number) and runs to
 * the colon that ends it, when one does; or it follows such a label and its value, ending in a colon itself
 * (`Customer: Sharp Consulting Address: 73 Regal Way`). A label without a colon that leaves words after it
 * must be followed by a value: for a typed field, `valueFrom(end)` says whether the words from `end` on read
 * as its value (`Payable on or before 5/24/2024` for a date); for a text field (no `valueFrom`), the label
 * must name the field exactly (`Sold To Fabrikam`). Otherwise only the whole block is a label, whose value
 * stands beside or below it. Of equal scores, a label ending in a colon wins, then the longer one.
 *
 * @example
 * ```ts
 * const words = ['Invoice', 'Number:', '3847193'].map((text) => ({ text, tokens: labelTokens(text) }));
 * bestLabelSpan(words, [{ words: ['invoice', 'number'], weight: 1 }]); // { start: 0, end: 2, score: 1, colon: true }
 * ```
 */
export function bestLabelSpan(
  words: readonly SpanWord[],
  forms: readonly LabelForm[],
  { valueFrom, vocabulary }: { valueFrom?: (start: number) => boolean; vocabulary?: LabelVocabulary } = {},
): LabelSpan | undefined {
  let best: LabelSpan | undefined;
  const consider = (start: number, end: number) => {
    const colon = endsWithColon(words[end - 1]?.text ?? '');
    const tokens = words.slice(start, end).flatMap((word) => word.tokens);
    if (tokens.length === 0) return;
    const score = labelScore(forms, tokens, vocabulary);
    if (score < MIN_LABEL_SCORE) return;
    // Words after a label that does not end in a colon are its value only when they read as a value of the
    // field's type, or, for a field of any text, when the label is the field's name.
    const valueFollows = valueFrom === undefined ? score >= NAMING_SCORE : valueFrom(end);
    if (!colon && end < words.length && !valueFollows) return;
    const span = { start, end, score, colon };
    if (best === undefined || isBetter(span, best)) best = span;
  };
  const first = firstLabelWord(words);
  // A colon among the first words closes the label: every word before it is the label's.
  const colonAt = firstColonLabelEnd(words, first);
  if (colonAt !== undefined) consider(first, colonAt + 1);
  else {
    for (let end = first + 1; end <= Math.min(words.length, first + MAX_LABEL_WORDS); end++) {
      if (/\d/.test(words[end - 1]?.text ?? '')) break;
      consider(first, end);
    }
  }
  // After a label and its value, another label ending in a colon may follow on the same line.
  words.forEach((word, index) => {
    if (colonAt === undefined || index <= colonAt + 1 || !endsWithColon(word.text)) return;
    for (let start = index; start > Math.max(colonAt + 1, index - MAX_LABEL_WORDS); start--) {
      if (/\d/.test(words[start]?.text ?? '')) break;
      consider(start, index + 1);
    }
  });
  return best;
}

/**
 * Whether a word closes a label: it ends with a colon (`Date:`, `No.:`), a time such as `10:30` aside.
 *
 * @example
 * ```ts
 * endsWithColon('No.:');  // true
 * endsWithColon('10:30'); // false
 * ```
 */
export function endsWithColon(text: string): boolean {
  return /\D:$/u.test(text) || text === ':';
}

/**
 * Whether the words start with a label that a colon closes (`Total Pcs.: 66`, `Purchase Order: 15931`): a
 * block that is another field's label and value, not a value.
 *
 * @example
 * ```ts
 * startsWithColonLabel(['Purchase', 'Order:', '15931'].map((text) => ({ text, tokens: labelTokens(text) }))); // true
 * ```
 */
export function startsWithColonLabel(words: readonly SpanWord[]): boolean {
  return firstColonLabelEnd(words, firstLabelWord(words)) !== undefined;
}

// The index of the word ending in a colon that closes a label starting at `first`, if one does.
function firstColonLabelEnd(words: readonly SpanWord[], first: number): number | undefined {
  for (let index = first; index < Math.min(words.length, first + MAX_LABEL_WORDS); index++) {
    const text = words[index]?.text ?? '';
    if (/\d/.test(text)) return undefined;
    if (endsWithColon(text)) return index;
  }
  return undefined;
}

// Leading words without letters (a bullet, `1.`, `(a)`) are not part of a label.
function firstLabelWord(words: readonly SpanWord[]): number {
  let index = 0;
  while (index < words.length && !/\p{L}/u.test(words[index]?.text ?? '')) index++;
  return index;
}

function isBetter(span: LabelSpan, best: LabelSpan): boolean {
  if (span.score !== best.score) return span.score > best.score;
  if (span.colon !== best.colon) return span.colon;
  return span.end - span.start > best.end - best.start;
}

function similarity(field: readonly string[], tokens: readonly LabelToken[], reads: WordReading): number {
  let cost = 0;
  const label: string[] = [];
  const spelt = spellAcronyms(field, tokens);
  for (const token of spelt.tokens) {
    let word = token.word;
    if (!field.some((fieldWord) => wordsMatch(fieldWord, word))) {
      const readAs = field.find((fieldWord) => reads(token, fieldWord));
      if (readAs !== undefined) {
        word = readAs;
        cost += NOISY_WORD_COST;
      }
    }
    if (!label.includes(word)) label.push(word);
  }
  return Math.max(0, labelSimilarity([...new Set(field)], label) - cost - spelt.cost);
}

// A field word the label spells out by initials (`sin` for `Social Insurance Number`, `po` for `Purchase
// Order`) stands in for those words, at the cost of a word read as another.
function spellAcronyms(
  field: readonly string[],
  tokens: readonly LabelToken[],
): { tokens: readonly LabelToken[]; cost: number } {
  let result = tokens;
  let cost = 0;
  for (const word of field) {
    if (word.length < 2 || word.length > MAX_ACRONYM || result.length < word.length) continue;
    if (result.some((token) => wordsMatch(word, token.word))) continue;
    for (let start = 0; start + word.length <= result.length; start++) {
      const initials = result
        .slice(start, start + word.length)
        .map((token) => token.word[0])
        .join('');
      if (initials !== word) continue;
      result = [
        ...result.slice(0, start),
        { word, abbreviated: false },
        ...result.slice(start + word.length),
      ];
      cost += NOISY_WORD_COST;
      break;
    }
  }
  return { tokens: result, cost };
}

// An OCR misreading of the field's word (`lnvoice`), or an abbreviation of it written with a full stop that
// keeps its first letter and some of the rest in order (`Delv.` for `delivery`, `Pcs.` for `pieces`). Most
// pairs of words differ too much in length or first letter to be either, which is quick to tell.
function readsAs(token: LabelToken, fieldWord: string): boolean {
  const budget = fuzzyBudget(fieldWord.length);
  const mayBeMisread = budget > 0 && Math.abs(fieldWord.length - token.word.length) <= budget;
  const mayAbbreviate =
    token.abbreviated && token.word.length < fieldWord.length && token.word[0] === fieldWord[0];
  return (
    (mayBeMisread && boundedEditDistance(fieldWord, token.word, budget) <= budget) ||
    (mayAbbreviate && isAbbreviation(token.word, fieldWord))
  );
}

function isAbbreviation(short: string, long: string): boolean {
  if (short.length < 3) return false;
  let at = 1;
  for (const character of short.slice(1)) {
    at = long.indexOf(character, at) + 1;
    if (at === 0) return false;
  }
  return true;
}
