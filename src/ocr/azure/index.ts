/**
 * The Azure AI Document Intelligence OCR adapter.
 *
 * @module
 */
export { createAzureOcr } from './azure-provider.js';
export type { AzureOcrSettings } from './azure-settings.js';
export { AZURE_PRICE_PER_PAGE, azureCostUsd } from './pricing.js';
