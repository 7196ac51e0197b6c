/**
 * Fitting found selection marks into OCR lines: OCR reads a checkbox as a stray word (`[]`, `[1]`) inside
 * the line of its labels, or as the first letter of its label (`[yes`, `[No`), and a line running across a mark
 * keeps a parser from setting the mark beside its label (`Live Delivery: ☐ Online Delivery: ☒`).
 *
 * @module
 */

import { lineId } from '../../document/ocr-invariants.js';
import type { OcrLine, OcrSelectionMark, OcrWord } from '../../spec/document.js';
import { unionBox } from '../page-builder.js';
import { isMarkGlyph } from './text-context.js';

/**
 * `lines` without the words that are OCR's reading of a mark, words that begin or end on a mark cut back to
 * where the mark ends (a bracket read from its edge dropped), each line split where a mark stands between its
 * words, with ids renumbered in order for page `pageNumber`. Lines without words are kept as they are.
 *
 * @example
 * ```ts
 * linesAroundMarks(lines, marks, 1); // 'Live Delivery: [1] Online Delivery:' → 'Live Delivery:', 'Online Delivery:'
 * ```
 */
export function linesAroundMarks(
  lines: readonly OcrLine[],
  marks: readonly OcrSelectionMark[],
  pageNumber: number,
): OcrLine[] {
  if (marks.length === 0) return [...lines];
  const pieces = lines.flatMap((line) => (line.words === undefined ? [line] : splitAtMarks(line, marks)));
  return pieces.map((line, index) => ({ ...line, id: lineId(pageNumber, index) }));
}

function splitAtMarks(line: OcrLine, marks: readonly OcrSelectionMark[]): OcrLine[] {
  const onLine = marks.filter((mark) => overlapsVertically(mark.box, line.box));
  if (onLine.length === 0) return [line];
  const pieces: OcrWord[][] = [[]];
  let previousRight = -Infinity;
  for (const read of line.words ?? []) {
    if (onLine.some((mark) => isMarkGlyph(read, mark.box))) {
      if ((pieces.at(-1) as OcrWord[]).length > 0) pieces.push([]);
      continue;
    }
    const word = onLine.reduce(cutAtMark, read);
    const between = onLine.some(
      (mark) =>
        mark.box.left >= previousRight - 1e-9 && mark.box.left + mark.box.width <= word.box.left + 1e-9,
    );
    if (between && (pieces.at(-1) as OcrWord[]).length > 0) pieces.push([]);
    (pieces.at(-1) as OcrWord[]).push(word);
    previousRight = word.box.left + word.box.width;
  }
  return pieces
    .filter((words) => words.length > 0)
    .map((words) => ({
      ...line,
      text: words.map((word) => word.text).join(' '),
      box: unionBox(words.map((word) => word.box)),
      words,
    }));
}

// The edges of a checkbox OCR reads as the first or last letter of the word beside it.
const OPENING_EDGE = /^[[({|]+/u;
const CLOSING_EDGE = /[\])}|]+$/u;

/** `word` without the part of it on `mark` when the mark covers its start or its end (but not all of it). */
function cutAtMark(word: OcrWord, mark: OcrSelectionMark): OcrWord {
  const wordRight = word.box.left + word.box.width;
  const markRight = mark.box.left + mark.box.width;
  if (!overlapsVertically(word.box, mark.box)) return word;
  if (mark.box.left <= word.box.left && markRight > word.box.left && markRight < wordRight) {
    return cut(word, markRight, wordRight, word.text.replace(OPENING_EDGE, ''));
  }
  if (mark.box.left > word.box.left && mark.box.left < wordRight && markRight >= wordRight) {
    return cut(word, word.box.left, mark.box.left, word.text.replace(CLOSING_EDGE, ''));
  }
  return word;
}

function cut(word: OcrWord, left: number, right: number, text: string): OcrWord {
  return { ...word, text: text === '' ? word.text : text, box: { ...word.box, left, width: right - left } };
}

function overlapsVertically(a: { top: number; height: number }, b: { top: number; height: number }): boolean {
  return Math.min(a.top + a.height, b.top + b.height) > Math.max(a.top, b.top);
}
