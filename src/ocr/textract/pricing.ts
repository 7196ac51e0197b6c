/**
 * What a Textract page costs, from AWS's public list prices, overridable by `OCRConfig.pricePerPage`.
 *
 * @module
 */
import type { TextractOperation } from './textract-request.js';

/**
 * USD per page: AWS list prices for US East (N. Virginia), first million pages a month, as published in 2025.
 * AnalyzeDocument features are priced per feature and a combination costs the sum (AWS's Tables+Forms is
 * $0.065, which is that sum); set a combination's own key, e.g. `'AnalyzeDocument:TABLES+QUERIES'`, in
 * `OCRConfig.pricePerPage` to price it differently, or any key here to match your region and tier.
 */
export const TEXTRACT_PRICE_PER_PAGE: Readonly<Record<string, number>> = Object.freeze({
  DetectDocumentText: 0.0015,
  'AnalyzeDocument:TABLES': 0.015,
  'AnalyzeDocument:FORMS': 0.05,
  'AnalyzeDocument:QUERIES': 0.015,
  'AnalyzeDocument:LAYOUT': 0.004,
  'AnalyzeDocument:SIGNATURES': 0.0035,
  AnalyzeExpense: 0.01,
});

/** The price-table key of an operation: `'DetectDocumentText'`, `'AnalyzeDocument:TABLES+FORMS'`, `'AnalyzeExpense'`. */
export function priceKey(operation: TextractOperation): string {
  return operation.kind === 'analyze'
    ? `AnalyzeDocument:${operation.features.join('+')}`
    : operationName(operation);
}

/**
 * The cost of `pages` pages of `operation` in USD, or `undefined` when a feature has no price in either table.
 *
 * @param overrides - `OCRConfig.pricePerPage`, whose keys win over {@link TEXTRACT_PRICE_PER_PAGE}.
 */
export function textractCostUsd(
  operation: TextractOperation,
  pages: number,
  overrides: Readonly<Record<string, number>> = {},
): number | undefined {
  const prices: Readonly<Record<string, number>> = { ...TEXTRACT_PRICE_PER_PAGE, ...overrides };
  const combined = prices[priceKey(operation)];
  if (combined !== undefined) return roundMicroDollars(combined * pages);
  if (operation.kind !== 'analyze') return undefined;
  let perPage = 0;
  for (const feature of operation.features) {
    const price = prices[`AnalyzeDocument:${feature}`];
    if (price === undefined) return undefined;
    perPage += price;
  }
  return roundMicroDollars(perPage * pages);
}

function operationName(operation: TextractOperation): string {
  return operation.kind === 'detect' ? 'DetectDocumentText' : 'AnalyzeExpense';
}

// Sums of float prices drift (0.015 + 0.05); a millionth of a dollar is below any price here.
function roundMicroDollars(usd: number): number {
  return Math.round(usd * 1e6) / 1e6;
}
