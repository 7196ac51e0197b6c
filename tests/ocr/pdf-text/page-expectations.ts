/**
 * Assertions every page the text layer yields must pass.
 *
 * @module
 */
import { expect } from 'vitest';
import type { BoundingBox, OcrLine, OcrPage } from '../../../src/spec/document.js';

const EPSILON = 1e-9;

/** Every box lies within the page, every word within its line, and line ids count up from `p<n>-l0`. */
export function expectWellFormed(page: OcrPage): void {
  expect(page.lines.map((line) => line.id)).toEqual(page.lines.map((_, i) => `p${page.pageNumber}-l${i}`));
  let words = 0;
  for (const line of page.lines) {
    expectOnPage(line.box);
    expect(line.text).toBe(line.words?.map((word) => word.text).join(' '));
    for (const word of line.words ?? []) {
      expectOnPage(word.box);
      expect(contains(line.box, word.box)).toBe(true);
      expect(word.confidence).toBe(1);
    }
    words += line.words?.length ?? 0;
  }
  expect(page.words).toBe(words);
}

function expectOnPage(box: BoundingBox): void {
  expect(box.left).toBeGreaterThanOrEqual(0);
  expect(box.top).toBeGreaterThanOrEqual(0);
  expect(box.width).toBeGreaterThan(0);
  expect(box.height).toBeGreaterThan(0);
  expect(box.left + box.width).toBeLessThanOrEqual(1 + EPSILON);
  expect(box.top + box.height).toBeLessThanOrEqual(1 + EPSILON);
}

function contains(outer: BoundingBox, inner: BoundingBox): boolean {
  return (
    inner.left >= outer.left - EPSILON &&
    inner.top >= outer.top - EPSILON &&
    inner.left + inner.width <= outer.left + outer.width + EPSILON &&
    inner.top + inner.height <= outer.top + outer.height + EPSILON
  );
}

/** The line whose text is `text`; fails the test when there is none. */
export function lineWithText(page: OcrPage, text: string): OcrLine {
  const line = page.lines.find((candidate) => candidate.text === text);
  expect(line, `a line reading '${text}' on page ${page.pageNumber}`).toBeDefined();
  return line as OcrLine;
}
