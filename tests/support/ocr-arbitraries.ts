/**
 * fast-check arbitraries of `OcrDocument`s as a damaged file or a careless provider could make them: any
 * number where a coordinate, index or confidence goes (NaN, ±Infinity, huge, negative), duplicate and
 * malformed ids, control characters, unknown roles and units.
 */
import fc from 'fast-check';
import type { OcrDocument } from '../../src/spec/document.js';

const hostileNumber = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, 1e308, -1e308, 5e-324),
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.double({ min: 0, max: 1, noNaN: true }),
);
const hostileIndex = fc.oneof(fc.integer({ min: -2, max: 6 }), hostileNumber, fc.constant(1e9));
const text = (maxLength: number) =>
  fc.oneof(
    fc.string({ maxLength }),
    fc.string({ unit: 'binary', maxLength }),
    fc.constantFrom('\u0000\u001b[2J', 'a\nb\tc\r'),
  );
const box = fc.record({
  left: hostileNumber,
  top: hostileNumber,
  width: hostileNumber,
  height: hostileNumber,
});
const id = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('p1-l0', 'p1-l1', 'p1-t0-r0-c0', 'p2-l0'));
const word = fc.record({ text: text(12), box, confidence: hostileNumber });
const line = fc.record({
  id,
  text: text(40),
  box,
  confidence: hostileNumber,
  words: fc.array(word, { maxLength: 4 }),
});
const cell = fc.record({
  id,
  rowIndex: hostileIndex,
  columnIndex: hostileIndex,
  rowSpan: hostileIndex,
  columnSpan: hostileIndex,
  text: text(10),
  box,
  confidence: hostileNumber,
});
const table = fc.record({
  id: fc.string({ maxLength: 6 }),
  rowCount: hostileIndex,
  columnCount: hostileIndex,
  cells: fc.array(cell, { maxLength: 12 }),
  box,
});
const roles = [
  'title',
  'sectionHeading',
  'paragraph',
  'listItem',
  'table',
  'pageHeader',
  'pageNumber',
  'bogus',
];
const page = fc.record({
  pageNumber: fc.oneof(fc.integer({ min: 0, max: 3 }), hostileNumber),
  width: hostileNumber,
  height: hostileNumber,
  unit: fc.constantFrom('point', 'pixel', 'furlong'),
  angle: hostileNumber,
  lines: fc.array(line, { maxLength: 15 }),
  words: hostileIndex,
  tables: fc.array(table, { maxLength: 2 }),
  keyValues: fc.array(
    fc.record({ key: text(10), value: text(10), keyBox: box, valueBox: box, confidence: hostileNumber }),
    { maxLength: 3 },
  ),
  selectionMarks: fc.array(fc.record({ selected: fc.boolean(), box, confidence: hostileNumber }), {
    maxLength: 3,
  }),
  layout: fc.array(fc.record({ role: fc.constantFrom(...roles), box, text: text(10) }), { maxLength: 4 }),
});

/** Documents shaped like an `OcrDocument` whose every value may be hostile. */
export const hostileOcrDocument: fc.Arbitrary<OcrDocument> = fc
  .record({ provider: fc.constant('fuzz'), pages: fc.array(page, { maxLength: 2 }) })
  .map((document) => document as unknown as OcrDocument);
