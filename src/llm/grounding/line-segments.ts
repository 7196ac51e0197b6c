/**
 * OCR lines cut into the runs of words that read as one piece of text. Engines such as tesseract report a
 * whole row as one line even where it crosses columns (`1 Redmond way Suite      1020 Enterprise Way`); cut
 * at the column gap, each part runs on to the line below it in its own column.
 *
 * @module
 */

import { boxRight, unionBox } from '../../parser/box.js';
import { isSeparateGap } from '../../parser/rows.js';
import type { BoundingBox, OcrLine, OcrWord } from '../../spec/document.js';

/** A run of a line's words with no column gap between them. */
export interface LineSegment {
  readonly box: BoundingBox;
  readonly words: readonly OcrWord[];
}

/**
 * The segments of `line`, left to right in the line's word order, cut where two words are visually separate
 * (the parsers' rule: 1.5 character widths apart or more). A character is the page's typical one or the line's
 * own, whichever is wider: the spaces of a letterhead in large type are wider than the body text's.
 *
 * @param charWidth - The page's typical character width, as a fraction of the page width (`measureLines`).
 * @example
 * ```ts
 * lineSegments(tesseractLine, measureLines(page.lines).charWidth).map((s) => s.words.map((w) => w.text).join(' '));
 * // ['1 Redmond way Suite', '1020 Enterprise Way']
 * ```
 */
export function lineSegments(line: OcrLine, charWidth: number): LineSegment[] {
  const runs: OcrWord[][] = [];
  const words = wordsOf(line);
  const width = Math.max(charWidth, meanCharWidth(words));
  let previous: OcrWord | undefined;
  for (const word of words) {
    const run = runs.at(-1);
    if (run && previous && !isSeparateGap(word.box.left - boxRight(previous.box), width)) run.push(word);
    else runs.push([word]);
    previous = word;
  }
  return runs.map((words) => ({ box: unionBox(words.map((word) => word.box)) as BoundingBox, words }));
}

/**
 * The mean width of a character of `words` (their boxes hold no spaces), 0 for none.
 *
 * @example
 * ```ts
 * meanCharWidth([{ text: 'Total', box: { left: 0, top: 0, width: 0.05, height: 0.01 }, confidence: 1 }]); // 0.01
 * ```
 */
export function meanCharWidth(words: readonly OcrWord[]): number {
  let width = 0;
  let characters = 0;
  for (const word of words) {
    width += word.box.width;
    characters += word.text.length;
  }
  return characters === 0 ? 0 : width / characters;
}

// A line without word boxes gets words cut from its box by character offset, as monospaced text would be laid
// out: near enough to point at the right part of the line.
function wordsOf(line: OcrLine): readonly OcrWord[] {
  if (line.words !== undefined && line.words.length > 0) return line.words;
  const length = Math.max(line.text.length, 1);
  return [...line.text.matchAll(/\S+/g)].map((match) => ({
    text: match[0],
    confidence: line.confidence,
    box: {
      left: line.box.left + (line.box.width * match.index) / length,
      top: line.box.top,
      width: (line.box.width * match[0].length) / length,
      height: line.box.height,
    },
  }));
}
