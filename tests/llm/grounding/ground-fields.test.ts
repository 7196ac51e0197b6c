import { describe, expect, it } from 'vitest';
import type { GroundedField } from '../../../src/llm/extraction.js';
import { groundFields } from '../../../src/llm/grounding/index.js';
import { boxBottom } from '../../../src/parser/box.js';
import type { BoundingBox } from '../../../src/spec/document.js';
import { ocrDocumentFromText } from '../../../src/testing/index.js';
import { documentOf, invoicePage, page } from '../../parser/ocr-page.js';
import { wordLine } from './word-lines.js';

/** The fields of `data` grounded in page texts laid out by `ocrDocumentFromText`, by path. */
function ground(data: unknown, ...pages: string[]): Record<string, GroundedField> {
  return byPath(groundFields(data, ocrDocumentFromText(pages)));
}

function byPath(fields: readonly GroundedField[]): Record<string, GroundedField> {
  return Object.fromEntries(fields.map((field) => [field.path, field]));
}

/** A matcher for a box, to within floating-point error. */
function boxNear(left: number, top: number, width: number, height: number) {
  return {
    left: expect.closeTo(left),
    top: expect.closeTo(top),
    width: expect.closeTo(width),
    height: expect.closeTo(height),
  };
}

// ocrDocumentFromText's geometry: a character is 0.01 wide, a line 0.02 high, rows 0.03 apart.
const CHAR = 0.01;
const ROW = 0.03;
const HEIGHT = 0.02;

describe('groundFields', () => {
  describe('exact matches', () => {
    it("reports a value's page, the union box of its words and their lowest confidence", () => {
      const ocr = documentOf(
        page({ lines: [wordLine('Bill to: Globex Corporation Ltd', 0.1, 0.1, [1, 1, 0.9, 0.7, 0.95])] }),
      );
      expect(groundFields({ customer: 'Globex Corporation' }, ocr)).toEqual([
        {
          path: '/customer',
          value: 'Globex Corporation',
          page: 1,
          box: boxNear(0.1 + 9 * CHAR, 0.1, 18 * CHAR, HEIGHT),
          ocrConfidence: 0.7,
          match: 'exact',
        },
      ]);
    });

    it('finds values on later pages, and numbers written as the model writes them', () => {
      const fields = ground({ total: 42.5, paid: true }, 'Invoice', 'Total  42.5\nPaid  true');
      expect(fields['/total']).toMatchObject({
        page: 2,
        match: 'exact',
        box: boxNear(7 * CHAR, 0, 4 * CHAR, HEIGHT),
      });
      expect(fields['/paid']).toMatchObject({ page: 2, match: 'exact' });
    });

    it('points at the part of a line without word boxes where the value stands', () => {
      // ocrDocumentFromText gives lines without words; their words are cut from the line box by character.
      expect(ground({ number: 'INV-1' }, 'Invoice INV-1')['/number']).toMatchObject({
        match: 'exact',
        box: boxNear(8 * CHAR, 0, 5 * CHAR, HEIGHT),
      });
    });

    it('runs a value on down its column to the lines below, beside another column', () => {
      const fields = ground(
        {
          vendor_address: '1 Redmond way Suite\n6000 Redmond, WA\n99243',
          customer_name: 'Microsoft',
          customer_address: '1020 Enterprise Way, Sunnayvale, CA 87659',
        },
        [
          'Contoso',
          'Address:                 Invoice For: Microsoft',
          '1 Redmond way Suite      1020 Enterprise Way',
          '6000 Redmond, WA         Sunnayvale, CA 87659',
          '99243',
        ].join('\n'),
      );
      expect(fields['/vendor_address']).toMatchObject({
        match: 'exact',
        box: boxNear(0, 2 * ROW, 19 * CHAR, 2 * ROW + HEIGHT),
      });
      expect(fields['/customer_name']).toMatchObject({
        match: 'exact',
        box: boxNear(38 * CHAR, ROW, 9 * CHAR, HEIGHT),
      });
      // The comma the model added after "Way" is punctuation: normalized.
      expect(fields['/customer_address']).toMatchObject({
        match: 'normalized',
        box: boxNear(25 * CHAR, 2 * ROW, 20 * CHAR, ROW + HEIGHT),
      });
    });

    it('cuts a line that crosses columns at the gap, so each part runs on in its own column', () => {
      // Tesseract reads a whole row as one line, across the columns.
      const ocr = documentOf(
        page({
          lines: [
            wordLine('1 Redmond way Suite          1020 Enterprise Way', 0.1, 0.1),
            wordLine('6000 Redmond, WA             Sunnayvale, CA 87659', 0.1, 0.13),
          ],
        }),
      );
      const fields = byPath(
        groundFields(
          { from: '1 Redmond way Suite 6000 Redmond, WA', to: '1020 Enterprise Way Sunnayvale, CA 87659' },
          ocr,
        ),
      );
      expect(fields['/from']).toMatchObject({
        match: 'exact',
        box: boxNear(0.1, 0.1, 19 * CHAR, 0.03 + HEIGHT),
      });
      expect(fields['/to']).toMatchObject({
        match: 'exact',
        box: boxNear(0.1 + 29 * CHAR, 0.1, 20 * CHAR, 0.03 + HEIGHT),
      });
    });

    it("falls back to a key-value pair's value when the lines do not join up", () => {
      const ocr = documentOf(
        page({
          lines: [
            wordLine('Address: 1 Redmond way', 0.1, 0.1, [1, 1, 0.8]),
            wordLine('Suite 6000', 0.4, 0.13),
          ],
          keyValues: [
            {
              key: 'Address:',
              value: '1 Redmond way Suite 6000',
              keyBox: { left: 0.1, top: 0.1, width: 0.08, height: HEIGHT },
              valueBox: { left: 0.19, top: 0.095, width: 0.32, height: 0.06 },
              confidence: 0.9,
            },
          ],
        }),
      );
      expect(groundFields({ address: '1 Redmond way Suite 6000' }, ocr)).toEqual([
        {
          path: '/address',
          value: '1 Redmond way Suite 6000',
          page: 1,
          box: boxNear(0.19, 0.1, 0.5 - 0.19, 0.03 + HEIGHT),
          ocrConfidence: 0.8,
          match: 'exact',
        },
      ]);
    });
  });

  describe('normalized matches', () => {
    it('sets case, accents, spacing and punctuation aside', () => {
      const fields = ground(
        { city: 'Redmond WA', id: 'INV-1001', name: 'GLOBEX', street: 'Rue de la Paix' },
        'Redmond, WA\nInvoice INV 1001\nGlobex\nRue de la Paíx',
      );
      for (const path of ['/city', '/id', '/name', '/street'])
        expect(fields[path]?.match, path).toBe('normalized');
      expect(fields['/id']?.box).toEqual(boxNear(8 * CHAR, ROW, 8 * CHAR, HEIGHT));
    });

    it.each([
      ['grouping and decimals', 1234.5, '1,234.50'],
      ['a currency mark', 56651.49, '$56,651.49'],
      ['an accounting negative', -12, '(12.00)'],
      ['a trailing minus', -12, '12.00-'],
      ['a decimal comma', 1234.56, '1.234,56'],
      ['a decimal comma alone', 12.5, '12,50'],
      ['a percentage as a fraction', 0.15, '15%'],
      ['a percentage as a number', 15, '15%'],
      ['Swiss grouping', 1234.5, "1'234.50"],
      ['a number in a string', '1234.50', '1,234.50'],
    ])('reads numbers with %s', (_, value, text) => {
      expect(ground({ amount: value }, `Amount  ${text}`)['/amount']).toMatchObject({
        match: 'normalized',
        box: boxNear(8 * CHAR, 0, text.length * CHAR, HEIGHT),
      });
    });

    it('reads a currency code apart from the amount, and keeps the box to the amount', () => {
      expect(ground({ fee: 1000 }, 'Fee  USD 1,000')['/fee']).toMatchObject({
        match: 'normalized',
        box: boxNear(9 * CHAR, 0, 5 * CHAR, HEIGHT),
      });
    });

    it('does not read a product code or two numbers side by side as one number', () => {
      const fields = ground({ a: 123, b: 2100 }, 'Code ABC123\nQty 2 100.00');
      expect([fields['/a']?.match, fields['/b']?.match]).toEqual(['none', 'none']);
    });

    it.each([
      ['month first', '6/18/2017'],
      ['a two-digit year', '6/18/17'],
      ['day first, unambiguously', '18/06/2017'],
      ['the month in words', 'June 18, 2017'],
      ['the month abbreviated, day first', '18 Jun 2017'],
      ['dashes', '18-Jun-2017'],
      ['an ordinal', 'June 18th, 2017'],
    ])('reads dates written %s', (_, text) => {
      expect(ground({ date: '2017-06-18' }, `Date  ${text}`)['/date']).toMatchObject({
        match: 'normalized',
        box: boxNear(6 * CHAR, 0, text.length * CHAR, HEIGHT),
      });
    });

    it('leaves a weekday out of the box, as it is not the date', () => {
      expect(ground({ date: '2017-06-18' }, 'Date  Sunday, June 18, 2017')['/date']).toMatchObject({
        match: 'normalized',
        box: boxNear(14 * CHAR, 0, 13 * CHAR, HEIGHT),
      });
    });

    it('keeps a weekday in the box of a string that has one', () => {
      expect(ground({ day: 'Sunday, June 18, 2017' }, 'Date  Sunday, June 18, 2017')['/day']).toMatchObject({
        match: 'exact',
        box: boxNear(6 * CHAR, 0, 21 * CHAR, HEIGHT),
      });
    });

    it('reads ambiguous numeric dates in the order the document writes its unambiguous ones', () => {
      const european = 'Ordered  25/12/2017\nDelivered  06/07/2017';
      expect(ground({ delivered: '2017-07-06' }, european)['/delivered']).toMatchObject({
        match: 'normalized',
        box: { top: ROW },
      });
      expect(ground({ delivered: '2017-06-07' }, european)['/delivered']?.match).toBe('none');
      expect(ground({ delivered: '2017-06-07' }, 'Delivered  06/07/2017')['/delivered']?.match).toBe(
        'normalized',
      );
    });

    it('grounds booleans written as yes or no, and Date objects', () => {
      const fields = ground(
        { paid: true, shipped: false, on: new Date('2017-06-18T00:00:00Z') },
        'Paid: Yes  Shipped: No  On: 6/18/2017',
      );
      expect([fields['/paid']?.match, fields['/shipped']?.match, fields['/on']?.match]).toEqual([
        'normalized',
        'normalized',
        'normalized',
      ]);
    });
  });

  describe('fuzzy matches', () => {
    it.each([
      ['a misread letter', 'Enterprise Way', 'Enterprlse Way'],
      ['a digit read as its lookalike letter', '34278587', '342785B7'],
      ['an amount with a lookalike letter', 56651.49, '$56,65l.49'],
      ['a date with a lookalike letter', '2017-06-18', '6/I8/2017'],
    ])('forgive %s', (_, value, text) => {
      expect(ground({ value }, `Text  ${text}`)['/value']).toMatchObject({
        match: 'fuzzy',
        box: boxNear(6 * CHAR, 0, text.length * CHAR, HEIGHT),
      });
    });

    it('take the match with the fewest edits', () => {
      const fields = ground({ street: 'Enterprise Way' }, 'Entrprlse Way\nEnterprlse Way');
      expect(fields['/street']).toMatchObject({ match: 'fuzzy', box: { top: ROW } });
    });

    it('never change a digit, nor match values under four characters', () => {
      const fields = ground(
        { id: '34278588', code: 'INV-1002', vat: 'PT', total: 56651.48 },
        'Ref 34278587 INV-1001 IT $56,651.49',
      );
      expect(Object.values(fields).map((field) => field.match)).toEqual(['none', 'none', 'none', 'none']);
    });
  });

  describe('values not found', () => {
    it("are reported with match 'none' and no page, box or confidence", () => {
      expect(ground({ vendor: 'Fabrikam', total: 10 }, 'Contoso  Total 12.00')).toEqual({
        '/vendor': { path: '/vendor', value: 'Fabrikam', match: 'none' },
        '/total': { path: '/total', value: 10, match: 'none' },
      });
    });

    it('include empty strings and non-finite numbers, which spell nothing', () => {
      expect(
        Object.values(ground({ a: '', b: ' ', c: Number.NaN }, 'NaN')).map((field) => field.match),
      ).toEqual(['none', 'none', 'none']);
    });
  });

  describe('paths', () => {
    it('are RFC 6901 JSON Pointers, leaves in property order, nulls left out', () => {
      const fields = groundFields(
        {
          'a/b': 'x',
          'm~n': 'y',
          list: ['x', { '': 'y' }],
          none: null,
          missing: undefined,
          empty: [],
          nested: { deep: {} },
        },
        ocrDocumentFromText('x y'),
      );
      expect(fields.map((field) => field.path)).toEqual(['/a~1b', '/m~0n', '/list/0', '/list/1/']);
    });

    it('are empty for data that is itself a value', () => {
      expect(groundFields('Total', ocrDocumentFromText('Total'))).toEqual([
        expect.objectContaining({ path: '', value: 'Total', match: 'exact' }),
      ]);
    });
  });

  describe('line items', () => {
    const items = [
      { description: 'Consulting services, March', quantity: 1, unit_price: 1200, amount: 1200 },
      { description: 'Travel expenses (Berlin)', quantity: 2, unit_price: 150, amount: 300 },
      { description: 'Software licence', quantity: 10, unit_price: 9.5, amount: 95 },
    ];

    it("ground each item's values on its row, each under its column's header", () => {
      const fields = groundFields({ items, total: 1595 }, documentOf(invoicePage()));
      const at = byPath(fields);
      items.forEach((_, row) => {
        const description = at[`/items/${row}/description`]?.box as BoundingBox;
        for (const [key, columnLeft] of [
          ['quantity', 0.5],
          ['unit_price', 0.6],
          ['amount', 0.75],
        ] as const) {
          const box = at[`/items/${row}/${key}`]?.box as BoundingBox;
          expect(box.left, `${row} ${key}`).toBeCloseTo(columnLeft);
          expect(Math.abs(boxBottom(box) - boxBottom(description)), `${row} ${key}`).toBeLessThan(0.01);
        }
      });
      expect(at['/total']).toMatchObject({ match: 'normalized', box: { left: 0.75 } });
    });

    it('go to the rows in order when their values repeat and nothing else tells them apart', () => {
      const at = ground(
        { items: [{ amount: 10 }, { amount: 10 }, { amount: 10 }] },
        'Item A  10.00\nItem B  10.00\nItem C  10.00',
      );
      expect([0, 1, 2].map((row) => at[`/items/${row}/amount`]?.box?.top)).toEqual(
        [0, ROW, 2 * ROW].map((top) => expect.closeTo(top)),
      );
    });
  });

  describe('a value found in several places', () => {
    it('goes to the place labelled like its field', () => {
      const at = ground(
        { invoice_date: '2020-03-01', due_date: '2020-03-01' },
        'Due Date  3/1/2020\nInvoice Date:  3/1/2020',
      );
      expect(at['/invoice_date']?.box?.top).toBeCloseTo(ROW);
      expect(at['/due_date']?.box?.top).toBeCloseTo(0);
    });

    it('finds the label on the line above, as in a header row', () => {
      const at = ground(
        { due_date: '2020-03-01', invoice_date: '2020-03-01' },
        'Invoice Date  Due Date\n3/1/2020      3/1/2020',
      );
      expect(at['/invoice_date']?.box?.left).toBeCloseTo(0);
      expect(at['/due_date']?.box?.left).toBeCloseTo(14 * CHAR);
    });

    it('goes to the labelled place even when another place writes it exactly', () => {
      expect(ground({ total: 25 }, 'Ship to  25 Main St\nTotal  $25.00')['/total']).toMatchObject({
        match: 'normalized',
        box: { top: ROW },
      });
    });

    it('goes to the exact match when nothing around tells them apart', () => {
      expect(ground({ amount: 25 }, 'Price  $25.00\nQty  25')['/amount']).toMatchObject({
        match: 'exact',
        box: { top: ROW },
      });
    });

    it('goes to the first in reading order otherwise, every time', () => {
      const text = 'Contoso Ltd.\nInvoice 12\nThank you for choosing Contoso Ltd.';
      const first = ground({ vendor: 'Contoso Ltd.' }, text);
      expect(first['/vendor']?.box?.top).toBe(0);
      expect(ground({ vendor: 'Contoso Ltd.' }, text)).toEqual(first);
    });
  });

  it('grounds a hundred fields on a thousand-word page', () => {
    const colours = ['red', 'green', 'blue', 'black', 'white'];
    const rows = Array.from({ length: 100 }, (_, i) => ({
      sku: `SKU-${1000 + i}`,
      part: `Part ${colours[i % 5]} bracket ${i} mm wide`,
      quantity: (i % 4) + 1,
      price: 10 + i * 1.25,
      shipped: `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    }));
    const text = rows
      .map(
        (r) =>
          `${r.sku}  ${r.part}  ${r.quantity}  $${r.price.toFixed(2)}  ${r.shipped.slice(5, 7)}/${r.shipped.slice(8)}/${r.shipped.slice(0, 4)}`,
      )
      .join('\n');
    const document = ocrDocumentFromText(text);
    expect(document.pages[0]?.words).toBeGreaterThanOrEqual(1000);
    const picked = rows.filter((_, i) => i % 5 === 2);
    const fields = groundFields({ rows: picked }, document);
    expect(fields).toHaveLength(100);
    picked.forEach((row, n) => {
      const top = rows.indexOf(row) * ROW;
      for (const key of Object.keys(row)) {
        expect(byPath(fields)[`/rows/${n}/${key}`]?.box?.top, `${n} ${key}`).toBeCloseTo(top);
      }
    });
  });
});
