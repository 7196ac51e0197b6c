import { describe, expect, it } from 'vitest';
import { estimateSkew } from '../../../src/ocr/image-prep/index.js';
import { renderedPage, statementPath } from '../marks/labelled-statements.js';
import { fixture, grayscaleOf, pngOf, skewedPng, WIDE_TABLE_INVOICE } from './skewed-scans.js';

describe('estimating the skew of a page', () => {
  it.each([-4.5, -2, -0.7, 0.5, 1.3, 3])(
    'finds a turn of %s° within 0.2° on a generated invoice and a labelled statement',
    async (degrees) => {
      const invoice = await fixture(WIDE_TABLE_INVOICE);
      const statement = await pngOf(await renderedPage(statementPath('Invoice_1.pdf'), 150));
      for (const page of [invoice, statement]) {
        const estimate = estimateSkew(await grayscaleOf(await skewedPng(page, degrees)));
        expect(Math.abs(estimate - degrees)).toBeLessThan(0.2);
      }
    },
  );

  it('finds the tilt of a page lying on its side, and none on a level or blank page', async () => {
    const invoice = await fixture(WIDE_TABLE_INVOICE);
    expect(Math.abs(estimateSkew(await grayscaleOf(await skewedPng(invoice, 91.2))) - 1.2)).toBeLessThan(0.2);
    expect(estimateSkew(await grayscaleOf(invoice))).toBe(0);
    // A sparse page: a few lines and right-aligned columns of numbers, which line up down the page.
    expect(estimateSkew(await renderedPage(statementPath('Invoice_1.pdf'), 150))).toBe(0);
    expect(estimateSkew({ pixels: new Uint8Array(500 * 700).fill(255), width: 500, height: 700 })).toBe(0);
  });
});
