/**
 * The OCR lines a parser lays out: the page's text lines, cleaned, and its selection marks as one-character
 * lines, so a checkbox lands next to its label wherever the label goes.
 *
 * @module
 */
import type { OcrLine, OcrPage, OcrWord } from '../spec/document.js';
import { boxRight, unionBox } from './box.js';
import { collapseWhitespace } from './whitespace.js';

// Words further apart than this many character widths were not written as one line: an OCR engine that reads
// a table row across its empty middle ("Description … Quantity") joins cells that stand columns apart.
// Justified text stretches a space to two or three characters at most.
const WIDE_GAP_CHARS = 4;

/** The page's lines with collapsed whitespace, without those that hold no text. */
export function textLines(page: OcrPage): OcrLine[] {
  const lines: OcrLine[] = [];
  for (const line of page.lines) {
    const text = collapseWhitespace(line.text);
    if (text !== '') lines.push(text === line.text ? line : { ...line, text });
  }
  return lines;
}

/** The page's selection marks as lines reading `☒` (selected) or `☐` (not selected). */
export function selectionMarkLines(page: OcrPage): OcrLine[] {
  return page.selectionMarks.map((mark, index) => ({
    id: `p${page.pageNumber}-m${index}`,
    text: mark.selected ? '☒' : '☐',
    box: mark.box,
    confidence: mark.confidence ?? 1,
  }));
}

/**
 * The lines with each line whose words stand far apart split there, each part a line of its own (`<id>.1`,
 * `<id>.2`, …). Lines without word boxes stay whole.
 */
export function splitAtWideGaps(lines: readonly OcrLine[], charWidth: number): OcrLine[] {
  return lines.flatMap((line) => {
    const parts = wordRuns(line.words ?? [], WIDE_GAP_CHARS * charWidth);
    if (parts.length < 2) return [line];
    return parts.map((words, index) => ({
      id: `${line.id}.${index + 1}`,
      text: collapseWhitespace(words.map((word) => word.text).join(' ')),
      box: unionBox(words.map((word) => word.box)) ?? line.box,
      confidence: Math.min(...words.map((word) => word.confidence)),
      words,
    }));
  });
}

/** Words left to right in runs, a new run wherever the gap to the word before is `minGap` or wider. */
function wordRuns(words: readonly OcrWord[], minGap: number): OcrWord[][] {
  const runs: OcrWord[][] = [];
  for (const word of [...words].sort((a, b) => a.box.left - b.box.left)) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run && previous && word.box.left - boxRight(previous.box) < minGap) run.push(word);
    else runs.push([word]);
  }
  return runs;
}
