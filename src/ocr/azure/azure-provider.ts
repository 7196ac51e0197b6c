/**
 * The Azure Document Intelligence OCR provider.
 *
 * @module
 */

import type { OcrProvider, OcrRecognition } from '../../spec/ocr-provider.js';
import type { AnalyzeDocument } from './analyze-document.js';
import { type AzureOcrSettings, type ResolvedAzureSettings, resolveAzureSettings } from './azure-settings.js';
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
 * 2023-07-31 through `@azure/ai-form-recognizer` when `settings.apiVersion` says so; the SDK is imported on the
 * first request. The endpoint and key come from the settings or from `AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT` /
 * `AZURE_DOCUMENT_INTELLIGENCE_KEY`; `settings.httpClient` sends the SDK's requests. In a pipeline, `OCRConfig`
 * options of the same names fill the settings.
 *
 * @example
 * ```ts
 * const azure = createAzureOcr({ endpoint: 'https://my-resource.cognitiveservices.azure.com', apiKey, model: 'prebuilt-layout' });
 * const pipeline = linearPipeline({ jsonSchema, ocr: new OCRConfig({ provider: azure }) });
 * ```
 * @throws {ConfigError} when no endpoint or credential is given or found in the environment, or a setting is invalid
 */
export function createAzureOcr(settings: AzureOcrSettings = {}): OcrProvider {
  const resolved = resolveAzureSettings(settings);
  const analyze = analyzerFor(resolved);
  return {
    specificationVersion: 'v1',
    provider: AZURE_PROVIDER,
    modelId: resolved.modelId,
    async recognize(document, options): Promise<OcrRecognition> {
      const { pages, signal } = options;
      const { bytes, contentType } = checkAzureInput(document, pages);
      const request = convertToAnalyzeRequest({
        ...(pages ? { pages } : {}),
        features: resolved.features,
        outputFormat: resolved.outputFormat,
      });
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
        usage: {
          pages: pageCount,
          costUsd: azureCostUsd(resolved.modelId, pageCount, resolved.pricePerPage),
        },
        raw: outcome.raw,
        warnings: request.warnings,
      };
    },
  };
}

function analyzerFor(settings: ResolvedAzureSettings): AnalyzeDocument {
  return settings.apiVersion === '2023-07-31'
    ? createFormRecognizerAnalyzer(settings)
    : createDocumentIntelligenceAnalyzer(settings);
}
