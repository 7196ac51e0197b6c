/**
 * Azure Document Intelligence's public list prices (pay-as-you-go, USD per page, as published on
 * https://azure.microsoft.com/pricing/details/ai-document-intelligence/): Read $1.50 per 1,000 pages, Layout
 * and the prebuilt models $10 per 1,000, custom extraction models $30 per 1,000. Add-on features (high
 * resolution, query fields, ...) and commitment tiers are not counted.
 *
 * @module
 */

/** USD per page of the models with a price of their own. */
export const AZURE_PRICE_PER_PAGE: Readonly<Record<string, number>> = Object.freeze({
  'prebuilt-read': 0.0015,
  'prebuilt-layout': 0.01,
});

// Every other `prebuilt-*` model (invoice, receipt, idDocument, tax forms, ...) is billed like layout.
const PREBUILT_PRICE_PER_PAGE = 0.01;
const CUSTOM_PRICE_PER_PAGE = 0.03;

/**
 * The USD cost of analysing `pages` pages with `modelId`; `overrides` (keyed by model id) win over the table.
 *
 * @example
 * ```ts
 * azureCostUsd('prebuilt-layout', 3); // 0.03
 * azureCostUsd('my-custom-model', 2, { 'my-custom-model': 0.05 }); // 0.1
 * ```
 */
export function azureCostUsd(
  modelId: string,
  pages: number,
  overrides?: Readonly<Record<string, number>>,
): number {
  const price =
    overrides?.[modelId] ??
    AZURE_PRICE_PER_PAGE[modelId] ??
    (modelId.startsWith('prebuilt-') ? PREBUILT_PRICE_PER_PAGE : CUSTOM_PRICE_PER_PAGE);
  return price * pages;
}
