import { describe, expect, it } from 'vitest';
import { labelWords, nameWords } from '../../../src/llm/grounding/labels.js';
import {
  bestLabelSpan,
  endsWithColon,
  type LabelForm,
  labelScore,
  labelTokens,
} from '../../../src/llm/heuristic/label-match.js';

const forms = (...names: string[]): LabelForm[] =>
  names.map((name) => ({ words: nameWords(name), weight: 1 }));
const tokens = (text: string) => text.split(/\s+/).flatMap(labelTokens);
const words = (text: string) => text.split(/\s+/).map((word) => ({ text: word, tokens: labelTokens(word) }));

describe('labelScore', () => {
  it('scores the words a label shares with a field name, case and punctuation aside', () => {
    expect(labelScore(forms('invoice_date'), tokens('INVOICE DATE:'))).toBe(1);
    expect(labelScore(forms('invoiceDate'), tokens('Invoice Due Date'))).toBeCloseTo(0.8);
    expect(labelScore(forms('due_date'), tokens('Invoice Date'))).toBeCloseTo(0.5);
    expect(labelScore(forms('total'), tokens('Subtotal'))).toBe(0);
  });

  it("takes the best of a field's forms, weighted", () => {
    const field: LabelForm[] = [
      { words: nameWords('bill_to'), weight: 1 },
      { words: labelWords('Invoice For'), weight: 0.9 },
    ];
    expect(labelScore(field, tokens('Invoice For:'))).toBeCloseTo(0.9);
  });

  it('reads OCR misreadings and abbreviations with a full stop as the words they stand for, at a small cost', () => {
    expect(labelScore(forms('invoice_number'), tokens('lnvoice Number'))).toBeCloseTo(0.9);
    expect(labelScore(forms('delivery_date'), tokens('Delv. Date:'))).toBeCloseTo(0.9);
    // Without the full stop, `delv` is just another word.
    expect(labelScore(forms('delivery_date'), tokens('Delv Date'))).toBeCloseTo(0.5);
    // A short word has no room for a misread letter: `Nome` is not `name`.
    expect(labelScore(forms('id'), tokens('ld'))).toBe(0);
  });

  it('counts a word the label repeats once (`Receipt # No.`)', () => {
    expect(labelScore(forms('receipt_no'), tokens('Receipt # No.:'))).toBe(1);
  });
});

describe('bestLabelSpan', () => {
  const invoiceNumber = forms('invoice_number');

  it('runs a label to the colon that ends it, the value following', () => {
    expect(bestLabelSpan(words('Invoice Number: 3847193'), invoiceNumber)).toEqual({
      start: 0,
      end: 2,
      score: 1,
      colon: true,
    });
  });

  it('takes the whole block as the label when the colon ends it there', () => {
    expect(bestLabelSpan(words('Video Delivery (On Demand):'), forms('video_delivery'))).toMatchObject({
      start: 0,
      end: 4,
    });
  });

  it('accepts a label without a colon before more words only when it is the field name itself', () => {
    expect(bestLabelSpan(words('Invoice Number 3847193'), invoiceNumber)).toMatchObject({
      end: 2,
      colon: false,
    });
    expect(bestLabelSpan(words('Invoice 3847193'), invoiceNumber)).toBeUndefined();
  });

  it('accepts a partial label without a colon when the words after it read as the value', () => {
    const due = forms('payable_by');
    expect(bestLabelSpan(words('Payable on or before 5/24/2024'), due)).toBeUndefined();
    const valueFrom = (start: number) => start === 1;
    expect(bestLabelSpan(words('Payable on or before 5/24/2024'), due, { valueFrom })).toMatchObject({
      start: 0,
      end: 1,
    });
  });

  it('finds a second label ending in a colon after the first label and its value', () => {
    expect(
      bestLabelSpan(words('Customer: Sharp Consulting Address: 73 Regal Way'), forms('address')),
    ).toEqual({
      start: 3,
      end: 4,
      score: 1,
      colon: true,
    });
  });

  it('skips a bullet or number before a label, and stops at digits', () => {
    expect(bestLabelSpan(words('1. Invoice number: 7'), invoiceNumber)).toMatchObject({ start: 1, end: 3 });
    expect(bestLabelSpan(words('Invoice 2024 number'), invoiceNumber)).toBeUndefined();
  });
});

describe('endsWithColon', () => {
  it('is true for a label colon, false for a time', () => {
    expect(endsWithColon('Date:')).toBe(true);
    expect(endsWithColon('No.:')).toBe(true);
    expect(endsWithColon('10:30')).toBe(false);
  });
});
