import { describe, expect, it } from 'vitest';
import { TEXTRACT_PRICE_PER_PAGE } from '../../../src/ocr/textract/index.js';
import { textractCostUsd } from '../../../src/ocr/textract/pricing.js';

const analyze = (...features: ('TABLES' | 'FORMS' | 'QUERIES' | 'LAYOUT' | 'SIGNATURES')[]) =>
  ({ kind: 'analyze', features, queries: [] }) as const;

describe('textract pricing', () => {
  it('prices pages by API and by the sum of the features asked for', () => {
    expect(textractCostUsd({ kind: 'detect' }, 10)).toBe(0.015);
    expect(textractCostUsd({ kind: 'expense' }, 3)).toBe(0.03);
    expect(textractCostUsd(analyze('TABLES', 'FORMS'), 1)).toBe(0.065);
    expect(textractCostUsd(analyze('LAYOUT', 'TABLES', 'FORMS', 'SIGNATURES'), 2)).toBe(0.145);
    expect(TEXTRACT_PRICE_PER_PAGE.DetectDocumentText).toBe(0.0015);
  });

  it('lets OCRConfig.pricePerPage override a feature or a whole combination', () => {
    expect(textractCostUsd(analyze('TABLES'), 1, { 'AnalyzeDocument:TABLES': 0.01 })).toBe(0.01);
    expect(textractCostUsd(analyze('TABLES', 'QUERIES'), 1, { 'AnalyzeDocument:TABLES+QUERIES': 0.02 })).toBe(
      0.02,
    );
  });
});
