/**
 * The Azure Document Intelligence OCR provider.
 *
 * @module
 */

import type { OcrProvider, OcrRecognition } from '../../spec/ocr-provider.js';
import type { OCRConfig } from '../../stages/ocr-config.js';
import type { AnalyzeDocument } from './analyze-document.js';
import { type AzureSettings, resolveAzureSettings } from './azure-settings.js';
import { checkAzureInput } from './check-input.js';
import { convertToAnalyzeRequest } from './convert-to-analyze-request.js';
import { createDocumentIntelligenceAnalyzer } from './document-intelligence-client.js';
import { createFormRecognizerAnalyzer } from './form-recognizer-client.js';
import { mapAnalyzeResult } from './map-analyze-result.js';
import { AZURE_PROVIDER, azureThrownError } from './map-azure-error.js';
import { azureCostUsd } from './pricing.js';

/**
 * An OCR provider that analyzes documents with Azure AI Document Intelligence: API 2024-11-30 through
 * `@azure-rest/ai-document-intelligence` (with the service's markdown kept on the `OcrDocument`), or API
 * 2023-07-31 through `@azure/ai-form-recognizer` when `config.apiVersion` says so. The endpoint and key come
 * from `config` or from `AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT` / `AZURE_DOCUMENT_INTELLIGENCE_KEY`.
 *
 * @example
 * ```ts
 * const ocr = createAzureProvider(new OCRConfig({ provider: 'azure', model: 'prebuilt-layout' }));
 * const { document, usage } = await ocr.recognize(await loadDocument('scan.jpg'), {});
 * ```
 * @throws {ConfigError} when no endpoint or credential is configured or found in the environment
 */
export function createAzureProvider(config: OCRConfig): OcrProvider {
  const settings = resolveAzureSettings(config);
  const analyze = analyzerFor(settings);
  return {
    specificationVersion: 'v1',
    provider: AZURE_PROVIDER,
    modelId: settings.modelId,
    async recognize(document, options): Promise<OcrRecognition> {
      const pages = options.pages ?? config.pages;
      const { bytes, contentType } = checkAzureInput(document, pages);
      const request = convertToAnalyzeRequest({
        ...(pages ? { pages } : {}),
        features: config.features,
        outputFormat: settings.outputFormat,
      });
      const { signal } = options;
      let outcome: Awaited<ReturnType<AnalyzeDocument>>;
      try {
        outcome = await analyze({ bytes, contentType, request, ...(signal ? { signal } : {}) });
      } catch (error) {
        // An abort is the caller's decision, not a provider failure: it rejects with the caller's reason.
        if (signal?.aborted) throw signal.reason;
        throw azureThrownError(error);
      }
      const ocrDocument = mapAnalyzeResult(outcome.result, AZURE_PROVIDER);
      const pageCount = ocrDocument.pages.length;
      options.onProgress?.(pageCount, pageCount);
      return {
        document: ocrDocument,
        usage: { pages: pageCount, costUsd: azureCostUsd(settings.modelId, pageCount, config.pricePerPage) },
        raw: outcome.raw,
        warnings: request.warnings,
      };
    },
  };
}

function analyzerFor(settings: AzureSettings): AnalyzeDocument {
  return settings.apiVersion === '2023-07-31'
    ? createFormRecognizerAnalyzer(settings)
    : createDocumentIntelligenceAnalyzer(settings);
}
