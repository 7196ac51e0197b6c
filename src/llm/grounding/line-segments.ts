/**
 * OCR lines cut into the runs of words that read as one piece of text. Engines such as tesseract report a
 * whole row as one line even where it crosses columns (`1 Redmond way Suite      1020 Enterprise Way`); cut
 * at the column gap, each part runs on to the line below it in its own column.
 *
 * @module
 */
import type { BoundingBox, OcrLine, OcrWord } from '../../document/model.js';
import { boxRight, unionBox } from '../../parser/box.js';
import { isSeparateGap } from '../../parser/rows.js';

/** A run of a line's words with no column gap between them. */
export interface LineSegment {
  readonly box: BoundingBox;
  readonly words: readonly OcrWord[];
}

/**
 * The segments of `line`, left to right in the line's word order, cut where two words are visually separate
 * (the parsers' rule: 1.5 character widths apart or more).
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
  let previous: OcrWord | undefined;
  for (const word of wordsOf(line)) {
    const run = runs.at(-1);
    if (run && previous && !isSeparateGap(word.box.left - boxRight(previous.box), charWidth)) run.push(word);
    else runs.push([word]);
    previous = word;
  }
  return runs.map((words) => ({ box: unionBox(words.map((word) => word.box)) as BoundingBox, words }));
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
