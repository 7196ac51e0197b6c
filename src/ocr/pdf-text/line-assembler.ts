/**
 * Building words from pieces of text runs and lines from words, with boxes as fractions of the page.
 *
 * @module
 */

import { lineId } from '../../document/ocr-invariants.js';
import type { OcrLine, OcrWord } from '../../spec/document.js';
import { clampBox, unionBox } from '../page-builder.js';
import type { PlacedRun } from './placed-runs.js';

/** Collects a page's lines; a word or line ends when told, and empty ones are never emitted. */
export class LineAssembler {
  readonly lines: OcrLine[] = [];
  readonly #pageNumber: number;
  readonly #width: number;
  readonly #height: number;
  #words: OcrWord[] = [];
  #text = '';
  #left = 0;
  #top = 0;
  #right = 0;
  #bottom = 0;

  constructor(page: { readonly pageNumber: number; readonly width: number; readonly height: number }) {
    this.#pageNumber = page.pageNumber;
    this.#width = page.width;
    this.#height = page.height;
  }

  /**
   * Adds `run.text` from `from` to `to` to the current word. pdf.js gives no glyph positions, so the piece's box
   * is interpolated along the run's baseline by character count.
   */
  addPiece(run: PlacedRun, from: number, to: number): void {
    const length = run.text.length;
    const x0 = run.x + (run.advanceX * from) / length;
    const y0 = run.y + (run.advanceY * from) / length;
    const x1 = run.x + (run.advanceX * to) / length;
    const y1 = run.y + (run.advanceY * to) / length;
    const left = Math.min(x0, x1) + Math.min(run.topX, run.bottomX);
    const right = Math.max(x0, x1) + Math.max(run.topX, run.bottomX);
    const top = Math.min(y0, y1) + Math.min(run.topY, run.bottomY);
    const bottom = Math.max(y0, y1) + Math.max(run.topY, run.bottomY);
    const first = this.#text === '';
    this.#left = first ? left : Math.min(this.#left, left);
    this.#top = first ? top : Math.min(this.#top, top);
    this.#right = first ? right : Math.max(this.#right, right);
    this.#bottom = first ? bottom : Math.max(this.#bottom, bottom);
    this.#text += run.text.slice(from, to);
  }

  /** Ends the current word, if it has any text. */
  finishWord(): void {
    if (this.#text === '') return;
    const box = clampBox({
      left: this.#left / this.#width,
      top: this.#top / this.#height,
      width: (this.#right - this.#left) / this.#width,
      height: (this.#bottom - this.#top) / this.#height,
    });
    this.#words.push({ text: this.#text, box, confidence: 1 });
    this.#text = '';
  }

  /** Ends the current word and line; a line without words is dropped. */
  finishLine(): void {
    this.finishWord();
    const words = this.#words;
    if (words.length === 0) return;
    this.lines.push({
      id: lineId(this.#pageNumber, this.lines.length),
      text: words.map((word) => word.text).join(' '),
      box: unionBox(words.map((word) => word.box)),
      confidence: 1,
      words,
    });
    this.#words = [];
  }
}
