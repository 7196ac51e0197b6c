/**
 * The Azure AI Document Intelligence OCR adapter.
 *
 * @module
 */
export { createAzureProvider } from './azure-provider.js';
export { AZURE_PRICE_PER_PAGE, azureCostUsd } from './pricing.js';
