/**
 * Test-only builder for OCR lines that carry word boxes and confidences, as cloud OCR and tesseract give them.
 */
import type { OcrLine } from '../../../src/spec/document.js';

// One character's width and a line's height, as fractions of the page.
const CHAR = 0.01;
const HEIGHT = 0.02;

let lineCount = 0;

/**
 * A line of `text` starting at `left`, `top`, its words laid out monospaced with one space between them;
 * word `i` has confidence `confidences[i]` (1 when not given).
 */
export function wordLine(
  text: string,
  left: number,
  top: number,
  confidences: readonly number[] = [],
): OcrLine {
  const words = [...text.matchAll(/\S+/g)].map((match, i) => ({
    text: match[0],
    box: { left: left + match.index * CHAR, top, width: match[0].length * CHAR, height: HEIGHT },
    confidence: confidences[i] ?? 1,
  }));
  return {
    id: `w${lineCount++}`,
    text,
    box: { left, top, width: text.length * CHAR, height: HEIGHT },
    confidence: Math.min(1, ...confidences),
    words,
  };
}
