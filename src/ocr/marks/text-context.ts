/**
 * Judging a mark-shaped outline by the text around it: a checkbox stands beside its label, while an `o`, `0`
 * or `□` drawn inside a word is a letter of that word.
 *
 * @module
 */
import type { BoundingBox, OcrLine, OcrWord } from '../../spec/document.js';

// OCR reads a checkbox itself as a word about its own width (`[]`, `[1]`, `O`), or as the first or last letter
// of its label (`[Yes`, `Delivery:[]`); an outline with more than a quarter of its width of the word's letters on
// either side of it is a letter inside that word.
const WORD_WIDTHS = 1.8;
const LETTERS_BESIDE = 0.25;
// The share of the outline a word must cover to hold it.
const HOLDS = 0.5;
// A label stands this many mark widths away along the row at most, or this many heights above or below.
const LABEL_WIDTHS = 10;
const LABEL_HEIGHTS = 2;

/** Whether a mark outline at `box` stands beside text of `lines` without being a letter inside a word. */
export function standsAmongText(box: BoundingBox, lines: readonly OcrLine[]): boolean {
  let labelled = false;
  for (const word of lines.flatMap(wordsOf)) {
    if (coverage(box, word.box) >= HOLDS) {
      if (isInsideWord(box, word)) return false;
      continue;
    }
    labelled ||=
      gap(box.left, box.width, word.box.left, word.box.width) <= LABEL_WIDTHS * box.width &&
      gap(box.top, box.height, word.box.top, word.box.height) <= LABEL_HEIGHTS * box.height;
  }
  return labelled;
}

function isInsideWord(box: BoundingBox, word: OcrWord): boolean {
  const before = box.left - word.box.left;
  const after = word.box.left + word.box.width - (box.left + box.width);
  const beside = LETTERS_BESIDE * box.width;
  return before > beside && after > beside && /[\p{L}\p{N}].*[\p{L}\p{N}]/u.test(word.text);
}

/** Whether `word` is OCR's reading of the mark at `box` itself (`[]`, `[1]`, `O`, `X`): it lies mostly on it. */
export function isMarkGlyph(word: OcrWord, box: BoundingBox): boolean {
  return coverage(word.box, box) >= HOLDS && word.box.width <= WORD_WIDTHS * box.width;
}

function wordsOf(line: OcrLine): readonly OcrWord[] {
  return line.words ?? [{ text: line.text, box: line.box, confidence: line.confidence }];
}

/** The share of `box` that `other` covers. */
function coverage(box: BoundingBox, other: BoundingBox): number {
  const width = Math.min(box.left + box.width, other.left + other.width) - Math.max(box.left, other.left);
  const height = Math.min(box.top + box.height, other.top + other.height) - Math.max(box.top, other.top);
  const area = box.width * box.height;
  return width > 0 && height > 0 && area > 0 ? (width * height) / area : 0;
}

/** The distance between two spans along one axis; 0 when they overlap. */
function gap(start: number, length: number, otherStart: number, otherLength: number): number {
  return Math.max(0, otherStart - (start + length), start - (otherStart + otherLength));
}
