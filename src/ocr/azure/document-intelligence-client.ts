/**
 * Analysis through `@azure-rest/ai-document-intelligence` (API 2024-11-30): POST `:analyze` with the document
 * as `base64Source`, then poll the `Operation-Location` it answers with.
 *
 * @module
 */
import type { DocumentAnalysisFeature } from '@azure-rest/ai-document-intelligence';
import { parseRetryAfter } from '../../spec/retry-after.js';
import type { AnalyzeDocument } from './analyze-document.js';
import type { AnalyzeOperation, AzureServiceError } from './analyze-result.js';
import type { ResolvedAzureSettings } from './azure-settings.js';
import { azureHttpError } from './map-azure-error.js';
import { pollOperation } from './poll-operation.js';

type Sdk = typeof import('@azure-rest/ai-document-intelligence');
type Client = ReturnType<Sdk['default']>;

interface RestResponse {
  readonly status: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: unknown;
}

// Imported on first use, once per process, so that `import 'docpipe'` does not load the Azure SDK.
let sdk: Promise<Sdk> | undefined;

/** An analyzer using the 2024-11-30 REST client for `settings`; the client is created on the first call. */
export function createDocumentIntelligenceAnalyzer(settings: ResolvedAzureSettings): AnalyzeDocument {
  let client: Promise<Client> | undefined;
  const getClient = async () => {
    sdk ??= import('@azure-rest/ai-document-intelligence');
    const { default: createClient } = await sdk;
    return createClient(settings.endpoint, settings.credential, {
      // docpipe's retry policy is the one that runs; the SDK's would multiply it.
      retryOptions: { maxRetries: 0 },
      allowInsecureConnection: settings.allowInsecureConnection,
      ...(settings.httpClient === undefined ? {} : { httpClient: settings.httpClient }),
    });
  };

  return async ({ bytes, request, signal }) => {
    client ??= getClient();
    const rest = await client;
    const started = (await rest.path('/documentModels/{modelId}:analyze', settings.modelId).post({
      contentType: 'application/json',
      body: {
        base64Source: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
      },
      queryParameters: {
        outputContentFormat: request.outputContentFormat,
        ...(request.pages ? { pages: request.pages } : {}),
        ...(request.features.length > 0 ? { features: request.features as DocumentAnalysisFeature[] } : {}),
      },
      abortSignal: signal,
    })) as RestResponse;
    const location = started.headers['operation-location'];
    if (started.status !== '202' || !location) throw httpError(started);
    const operation = await pollOperation(
      async () => {
        const polled = (await rest.pathUnchecked(location).get({ abortSignal: signal })) as RestResponse;
        if (polled.status !== '200') throw httpError(polled);
        return {
          operation: polled.body as AnalyzeOperation,
          retryAfterMs: parseRetryAfter(polled.headers['retry-after']),
        };
      },
      {
        intervalMs: settings.pollIntervalMs,
        firstDelayMs: parseRetryAfter(started.headers['retry-after']),
        signal,
      },
    );
    return { result: operation.analyzeResult ?? {}, raw: operation };
  };
}

function httpError(response: RestResponse) {
  return azureHttpError({
    status: Number(response.status),
    error: (response.body as { error?: AzureServiceError } | undefined)?.error,
    header: (name) => response.headers[name.toLowerCase()],
  });
}
