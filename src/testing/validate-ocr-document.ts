/**
 * The invariants every `OcrDocument` keeps, whichever provider made it, as a list of problems.
 *
 * @module
 */

import {
  cellIdPattern,
  isBoxInPage,
  isConfidence,
  isLayoutRole,
  isPageUnit,
  lineIdPattern,
} from '../document/ocr-invariants.js';
import type { BoundingBox, OcrDocument, OcrPage } from '../spec/document.js';

/**
 * What is wrong with `document`, one sentence per problem; empty when it keeps every invariant of the
 * model: pages numbered from 1 in order, boxes inside the page, confidences in 0..1, stable line and cell ids.
 *
 * @example
 * ```ts
 * expect(validateOcrDocument(recognition.document)).toEqual([]);
 * ```
 */
export function validateOcrDocument(document: OcrDocument): string[] {
  const problems: string[] = [];
  if (typeof document.provider !== 'string' || document.provider === '')
    problems.push('provider is not named');
  let previous = 0;
  for (const page of document.pages) {
    if (!Number.isInteger(page.pageNumber) || page.pageNumber <= previous) {
      problems.push(`page ${page.pageNumber} is not numbered from 1 in ascending order`);
    }
    previous = page.pageNumber;
    problems.push(...pageProblems(page));
  }
  return problems;
}

function pageProblems(page: OcrPage): string[] {
  const at = `page ${page.pageNumber}`;
  const problems: string[] = [];
  if (!(page.width > 0 && page.height > 0)) problems.push(`${at} has no size`);
  if (!isPageUnit(page.unit)) problems.push(`${at} has unit ${page.unit}`);
  if (!(page.angle >= 0 && page.angle < 360)) problems.push(`${at} has angle ${page.angle}, not in [0, 360)`);
  if (!Number.isInteger(page.words) || page.words < 0) problems.push(`${at} counts ${page.words} words`);
  const ids = new Set<string>();
  const checkId = (id: string, pattern: RegExp) => {
    if (!pattern.test(id)) problems.push(`${at}: id ${id} does not match ${pattern}`);
    if (ids.has(id)) problems.push(`${at}: id ${id} is used twice`);
    ids.add(id);
  };
  const boxes: [string, BoundingBox | undefined][] = [];
  const confidences: [string, number | undefined][] = [];
  for (const line of page.lines) {
    checkId(line.id, lineIdPattern(page.pageNumber));
    boxes.push([line.id, line.box]);
    confidences.push([line.id, line.confidence]);
    for (const word of line.words ?? []) {
      boxes.push([`a word of ${line.id}`, word.box]);
      confidences.push([`a word of ${line.id}`, word.confidence]);
    }
  }
  for (const table of page.tables) {
    boxes.push([table.id, table.box]);
    for (const cell of table.cells) {
      checkId(cell.id, cellIdPattern(page.pageNumber));
      boxes.push([cell.id, cell.box]);
      confidences.push([cell.id, cell.confidence]);
      const inside =
        cell.rowIndex + cell.rowSpan <= table.rowCount &&
        cell.columnIndex + cell.columnSpan <= table.columnCount;
      if (!inside || cell.rowSpan < 1 || cell.columnSpan < 1)
        problems.push(`${at}: cell ${cell.id} lies outside its table`);
    }
  }
  page.keyValues.forEach((pair, i) => {
    boxes.push([`key-value ${i}`, pair.keyBox], [`key-value ${i}`, pair.valueBox]);
    confidences.push([`key-value ${i}`, pair.confidence]);
  });
  page.selectionMarks.forEach((mark, i) => {
    boxes.push([`selection mark ${i}`, mark.box]);
    confidences.push([`selection mark ${i}`, mark.confidence]);
  });
  page.layout.forEach((block, i) => {
    if (!isLayoutRole(block.role)) problems.push(`${at}: layout block ${i} has role ${block.role}`);
    boxes.push([`layout block ${i}`, block.box]);
  });
  for (const [what, box] of boxes)
    if (box && !isBoxInPage(box)) problems.push(`${at}: ${what} has a box outside [0, 1]`);
  for (const [what, confidence] of confidences) {
    if (confidence !== undefined && !isConfidence(confidence)) {
      problems.push(`${at}: ${what} has confidence ${confidence}, not in [0, 1]`);
    }
  }
  return problems;
}
