/**
 * Analysis through the legacy `@azure/ai-form-recognizer` client (API 2023-07-31), for resources that do not
 * offer 2024-11-30. Its result has the same shape as the REST one except for `{ x, y }` polygons, which are
 * flattened so that one mapper reads both.
 *
 * @module
 */

import type { AnalyzeDocument } from './analyze-document.js';
import type { AnalyzeResult } from './analyze-result.js';
import type { ResolvedAzureSettings } from './azure-settings.js';

type Sdk = typeof import('@azure/ai-form-recognizer');
type Client = InstanceType<Sdk['DocumentAnalysisClient']>;

// Imported on first use, once per process, so that `import 'docpipe'` does not load the Azure SDK.
let sdk: Promise<Sdk> | undefined;

/** An analyzer using the 2023-07-31 `DocumentAnalysisClient` for `settings`; created on the first call. */
export function createFormRecognizerAnalyzer(settings: ResolvedAzureSettings): AnalyzeDocument {
  let client: Promise<Client> | undefined;
  const getClient = async () => {
    sdk ??= import('@azure/ai-form-recognizer');
    const { DocumentAnalysisClient } = await sdk;
    return new DocumentAnalysisClient(settings.endpoint, settings.credential, {
      // docpipe's retry policy is the one that runs; the SDK's would multiply it.
      retryOptions: { maxRetries: 0 },
      allowInsecureConnection: settings.allowInsecureConnection,
      ...(settings.httpClient === undefined ? {} : { httpClient: settings.httpClient }),
    });
  };

  // This API has no markdown output, so `outputContentFormat` is not sent.
  return async ({ bytes, request, signal }) => {
    client ??= getClient();
    const poller = await (await client).beginAnalyzeDocument(settings.modelId, bytes, {
      ...(request.pages ? { pages: request.pages } : {}),
      ...(request.features.length > 0 ? { features: [...request.features] } : {}),
      updateIntervalInMs: settings.pollIntervalMs,
      abortSignal: signal,
    });
    const result = await poller.pollUntilDone({ abortSignal: signal });
    return { result: flattenPolygons(result) as AnalyzeResult, raw: result };
  };
}

/** A plain copy of `value` with every `{ x, y }[]` polygon as `[x1, y1, x2, y2, ...]`; methods are left out. */
function flattenPolygons(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(flattenPolygons);
  if (typeof value !== 'object' || value === null || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, field]) => typeof field !== 'function')
      .map(([name, field]) => [
        name,
        name === 'polygon' && Array.isArray(field) ? flatPolygon(field) : flattenPolygons(field),
      ]),
  );
}

function flatPolygon(points: readonly unknown[]): number[] {
  return points.flatMap((point) =>
    typeof point === 'number' ? [point] : [(point as { x: number }).x, (point as { y: number }).y],
  );
}
