/**
 * OCR lines that are pieces of one line: some engines and PDF text layers report each word of a line, or each
 * run of it, as a line of its own (monospaced fonts in a PDF often come out so). Pieces that sit on one row,
 * a word space apart, with words of letters on both sides of the gap, are joined back into one line. Cells of a
 * tight table stand as close, but there the gap nearly always has a number or a code on one side.
 *
 * @module
 */

import { boxRight, unionBox } from '../../parser/box.js';
import { groupIntoRows } from '../../parser/rows.js';
import type { BoundingBox, OcrLine, OcrWord } from '../../spec/document.js';
import { meanCharWidth } from '../grounding/line-segments.js';

// The widest gap between two words of a line, in characters: a monospaced font's space is one.
const WORD_SPACE = 1.1;

/**
 * The page's lines with the pieces of each line joined: lines of one row, left to right, no more than a word
 * space apart (a character of the wider of the page's and the lines' own), where the words either side of the
 * gap are letters only. Lines without word boxes are left as they are.
 *
 * @example
 * ```ts
 * joinTouchingLines([maple, leaf], charWidth).map((line) => line.text); // ['Maple Leaf']
 * ```
 */
export function joinTouchingLines(lines: readonly OcrLine[], charWidth: number): OcrLine[] {
  if (lines.length < 2) return [...lines];
  const joined: OcrLine[] = [];
  for (const row of groupIntoRows(lines)) {
    let current: OcrLine | undefined;
    for (const line of row.lines) {
      if (current !== undefined && touches(current, line, charWidth)) current = join(current, line);
      else {
        if (current !== undefined) joined.push(current);
        current = line;
      }
    }
    if (current !== undefined) joined.push(current);
  }
  return joined;
}

function touches(left: OcrLine, right: OcrLine, charWidth: number): boolean {
  if (!hasWords(left) || !hasWords(right)) return false;
  const gap = right.box.left - boxRight(left.box);
  const width = Math.max(charWidth, meanCharWidth(left.words), meanCharWidth(right.words));
  const letters = (word: OcrWord | undefined) => word !== undefined && /^[\p{L}.,&'-]+$/u.test(word.text);
  return gap >= -width && gap <= WORD_SPACE * width && letters(left.words.at(-1)) && letters(right.words[0]);
}

function join(left: OcrLine, right: OcrLine): OcrLine {
  return {
    ...left,
    text: `${left.text} ${right.text}`,
    box: unionBox([left.box, right.box]) as BoundingBox,
    confidence: Math.min(left.confidence, right.confidence),
    words: [...(left.words ?? []), ...(right.words ?? [])],
  };
}

function hasWords(line: OcrLine): line is OcrLine & { words: readonly OcrWord[] } {
  return line.words !== undefined && line.words.length > 0;
}
