/**
 * Finding where a value stands on the page: every place it matches exactly or normalized, else every
 * place it matches fuzzily.
 *
 * @module
 */

import { unionBox } from '../../parser/box.js';
import type { BoundingBox } from '../../spec/document.js';
import type { GroundingMatch } from '../extraction.js';
import { boundedEditDistance, fuzzyBudget } from './edit-distance.js';
import { textWords } from './normalize.js';
import type { Region } from './regions.js';
import type { ValueForms } from './value-forms.js';
import { characterSet, type IndexedWord, nextWord, type Span, type WordIndex } from './word-index.js';

/** How a candidate matched: every kind but `none`. */
export type MatchKind = Exclude<GroundingMatch, 'none'>;

/** One place a value matches. */
export interface Candidate {
  readonly page: number;
  /** The ids of the words matched, in reading order; empty for a region whose box holds no word. */
  readonly words: Span;
  /** The union of the words' boxes (or the region's box when it holds no word). */
  readonly box: BoundingBox;
  /** The lowest confidence among the words: the value is only as sure as its least sure word. */
  readonly confidence?: number;
  readonly match: MatchKind;
  /** The edits a fuzzy match took; 0 for the other kinds. */
  readonly edits: number;
  /** The region it was found through, when it was found in a key-value pair's value or a table cell. */
  readonly region?: number;
}

/** How strict each kind of match is, strictest first: the order to prefer them in. */
export const MATCH_RANK: Readonly<Record<MatchKind, number>> = { exact: 0, normalized: 1, fuzzy: 2 };

type RegionMatch = Pick<Candidate, 'match' | 'edits'>;

interface Tier {
  readonly inWords: (forms: ValueForms, index: WordIndex) => Candidate[];
  readonly inRegions: (forms: ValueForms, region: Region) => RegionMatch | undefined;
}

// Exact and normalized matches are looked for together: `25` and `$25.00` are the same amount, and which of them
// a field means is for its row and label to tell (see chooseCandidate). A fuzzy match is a guess, looked for only
// when there is nothing better. In each tier the words come first, then key-value values and table cells: lines
// are what every OCR gives and their boxes are tight, while a region is the fallback for text the lines split up.
const TIERS: readonly Tier[] = [
  {
    inWords: (forms, index) => [...exactSpans(forms, index), ...normalizedSpans(forms, index)],
    inRegions: exactOrNormalizedRegion,
  },
  { inWords: fuzzySpans, inRegions: fuzzyRegion },
];

/**
 * Every place `forms` matches in the document: its exact and normalized matches (text, numbers, dates) among
 * the words, else among key-value values and table cells; when there are none, its fuzzy matches with the
 * fewest edits, in the same order. Of matches that overlap, only the tightest is kept (`12.00` rather than
 * `$ 12.00`), and of the same words matched two ways, the exact one. Empty when the value is nowhere.
 *
 * @example
 * ```ts
 * findMatches(valueForms(56651.49, index.dateOrder), index); // [{ page: 1, match: 'normalized', box, ... }]
 * ```
 */
export function findMatches(forms: ValueForms, index: WordIndex): Candidate[] {
  for (const tier of TIERS) {
    const inWords = tier.inWords(forms, index);
    const candidates = inWords.length > 0 ? inWords : regionCandidates(forms, index, tier);
    if (candidates.length > 0) return tightest(candidates);
  }
  return [];
}

/**
 * A string identifying the place a candidate stands, so that two fields found at one place can be told apart
 * from two fields found at two.
 */
export function candidatePlace(candidate: Candidate): string {
  return candidate.words.length > 0 ? candidate.words.join(',') : `region ${candidate.region}`;
}

function exactSpans(forms: ValueForms, index: WordIndex): Candidate[] {
  const [first, ...rest] = forms.words;
  if (first === undefined) return [];
  const candidates: Candidate[] = [];
  for (const start of index.byText.get(first) ?? []) {
    const span = [start];
    let id: number | undefined = start;
    for (const word of rest) {
      id = nextWord(index, id);
      if (id === undefined || index.words[id]?.text !== word) break;
      span.push(id);
    }
    if (span.length === forms.words.length) candidates.push(spanCandidate(index, span, 'exact'));
  }
  return candidates;
}

function normalizedSpans(forms: ValueForms, index: WordIndex): Candidate[] {
  const spans = [
    ...forms.keys.flatMap((key) => spansSpellingKey(key, index)),
    ...forms.numbers.flatMap((number) => index.numbers.get(number) ?? []),
    ...(forms.date === undefined ? [] : (index.dates.get(forms.date) ?? [])),
  ];
  return distinct(spans).map((span) => spanCandidate(index, span, 'normalized'));
}

// The spans whose words' keys, run together, spell `key`: spacing and punctuation do not matter, so `INV 1001`
// spells `inv1001`. The first word's key is a prefix of `key`, which the index finds by looking up each prefix.
function spansSpellingKey(key: string, index: WordIndex): Span[] {
  const spans: Span[] = [];
  for (let length = 1; length <= key.length; length++) {
    for (const start of index.byKey.get(key.slice(0, length)) ?? []) {
      const span = [start];
      let spelt = length;
      let id: number | undefined = start;
      while (spelt < key.length) {
        id = nextWord(index, id);
        const word: IndexedWord | undefined = id === undefined ? undefined : index.words[id];
        if (id === undefined || word === undefined || !key.startsWith(word.key, spelt)) break;
        span.push(id);
        spelt += word.key.length;
      }
      if (spelt === key.length) spans.push(span);
    }
  }
  return spans;
}

function fuzzySpans(forms: ValueForms, index: WordIndex): Candidate[] {
  const candidates = forms.keys.flatMap((key) => fuzzyKeySpans(key, index));
  // Numbers and dates are never edited, only read again with their digit lookalikes folded.
  const lookalikes = [
    ...forms.numbers.flatMap((number) => index.lookalikeNumbers.get(number) ?? []),
    ...(forms.date === undefined ? [] : (index.lookalikeDates.get(forms.date) ?? [])),
  ];
  candidates.push(...distinct(lookalikes).map((span) => spanCandidate(index, span, 'fuzzy', 1)));
  const fewest = Math.min(...candidates.map((candidate) => candidate.edits));
  return candidates.filter((candidate) => candidate.edits === fewest);
}

// Every span, along the flow of text from each word, whose key is within the edit budget of `key`.
function fuzzyKeySpans(key: string, index: WordIndex): Candidate[] {
  const budget = fuzzyBudget(key.length);
  if (budget === 0) return [];
  const characters = characterSet(key);
  const candidates: Candidate[] = [];
  index.words.forEach((word, start) => {
    if (word.key === '') return;
    const span: number[] = [];
    let spelt = '';
    let seen = 0;
    for (let id: number | undefined = start; id !== undefined; id = nextWord(index, id)) {
      const next = index.words[id] as IndexedWord;
      span.push(id);
      spelt += next.key;
      seen |= next.characters;
      if (spelt.length > key.length + budget) break;
      if (next.key === '' || spelt.length < key.length - budget || missing(characters, seen) > budget)
        continue;
      const edits = boundedEditDistance(key, spelt, budget);
      if (edits <= budget) candidates.push(spanCandidate(index, [...span], 'fuzzy', edits));
    }
  });
  return candidates;
}

function regionCandidates(forms: ValueForms, index: WordIndex, tier: Tier): Candidate[] {
  const candidates: Candidate[] = [];
  index.regions.forEach((region, id) => {
    const found = tier.inRegions(forms, region);
    if (found === undefined) return;
    const words = region.words.map((word) => index.words[word] as IndexedWord);
    const confidence =
      words.length > 0 ? Math.min(...words.map((word) => word.confidence)) : region.confidence;
    candidates.push({
      page: region.page,
      words: region.words,
      // The words' own boxes are tighter than a cell's, which takes in its padding.
      box: unionBox(words.map((word) => word.box)) ?? region.box,
      ...(confidence === undefined ? {} : { confidence }),
      ...found,
      region: id,
    });
  });
  return candidates;
}

function exactOrNormalizedRegion(forms: ValueForms, region: Region): RegionMatch | undefined {
  const words = textWords(region.text);
  if (
    words.length > 0 &&
    words.length === forms.words.length &&
    words.every((word, i) => word === forms.words[i])
  ) {
    return { match: 'exact', edits: 0 };
  }
  const reads =
    forms.keys.includes(region.key) ||
    forms.numbers.some((number) => region.numbers.includes(number)) ||
    (forms.date !== undefined && forms.date === region.date);
  return reads ? { match: 'normalized', edits: 0 } : undefined;
}

function fuzzyRegion(forms: ValueForms, region: Region): RegionMatch | undefined {
  let fewest: number | undefined;
  for (const key of forms.keys) {
    const budget = fuzzyBudget(key.length);
    const edits = boundedEditDistance(key, region.key, budget);
    if (budget > 0 && edits <= budget && (fewest === undefined || edits < fewest)) fewest = edits;
  }
  return fewest === undefined ? undefined : { match: 'fuzzy', edits: fewest };
}

function spanCandidate(index: WordIndex, span: Span, match: MatchKind, edits = 0): Candidate {
  const words = span.map((id) => index.words[id] as IndexedWord);
  return {
    page: words[0]?.page ?? 0,
    words: span,
    box: unionBox(words.map((word) => word.box)) as BoundingBox,
    confidence: Math.min(...words.map((word) => word.confidence)),
    match,
    edits,
  };
}

function distinct(spans: readonly Span[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((span) => {
    const place = span.join(',');
    if (seen.has(place)) return false;
    seen.add(place);
    return true;
  });
}

// Drops each candidate that holds all the words of a smaller one matched as strictly (the extra words are
// decoration: a currency mark, a weekday), and repeats of a place (found exact and normalized: the first, exact,
// is kept). `Sunday, June 18, 2017` as the exact words of a string stays beside its normalized date in three.
function tightest(candidates: readonly Candidate[]): Candidate[] {
  const bySize = [...candidates].sort((a, b) => a.words.length - b.words.length);
  const kept: Candidate[] = [];
  const places = new Set<string>();
  for (const candidate of bySize) {
    const place = candidatePlace(candidate);
    if (places.has(place)) continue;
    const words = new Set(candidate.words);
    const holdsSmaller = kept.some(
      (smaller) =>
        smaller.words.length > 0 &&
        smaller.words.length < candidate.words.length &&
        MATCH_RANK[smaller.match] <= MATCH_RANK[candidate.match] &&
        smaller.words.every((word) => words.has(word)),
    );
    if (holdsSmaller) continue;
    places.add(place);
    kept.push(candidate);
  }
  return kept.sort(
    (a, b) => (a.words[0] ?? Number.POSITIVE_INFINITY) - (b.words[0] ?? Number.POSITIVE_INFINITY),
  );
}

// How many of the value's characters (as bit-set bins) the text lacks: a lower bound on the edits.
function missing(value: number, text: number): number {
  let bits = value & ~text;
  let count = 0;
  while (bits !== 0) {
    bits &= bits - 1;
    count++;
  }
  return count;
}
