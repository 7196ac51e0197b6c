/**
 * Azure failures as docpipe errors: throttling, server errors and broken connections are retryable; bad
 * requests, bad keys and unknown models are not. Messages carry the service's code and message, never the
 * key or the request's headers.
 *
 * @module
 */
import { ProviderError } from '../../spec/errors.js';
import { retryability } from '../../spec/retryability.js';
import type { AzureServiceError } from './analyze-result.js';

/** The provider name in every error and document this adapter produces. */
export const AZURE_PROVIDER = 'azure.document-intelligence';

/** An HTTP answer the adapter did not expect, in the terms both Azure clients can give. */
export interface AzureHttpFailure {
  readonly status?: number;
  readonly error?: AzureServiceError;
  /** Reads a response header, case-insensitively. */
  readonly header?: (name: string) => string | undefined;
  readonly cause?: unknown;
}

const FIXES: Readonly<Record<number, string>> = {
  400: 'Check that the document is a supported, unencrypted PDF or image and that the pages asked for exist.',
  401: 'Check AZURE_DOCUMENT_INTELLIGENCE_KEY (or OCRConfig.credential) and that it belongs to this endpoint.',
  403: 'Check that the key or identity has access to this Document Intelligence resource.',
  404: 'Check OCRConfig.model: the model id must exist on this resource, and the endpoint must be the resource root.',
  413: 'Send a smaller document, or fewer pages with OCRConfig.pages.',
  415: 'Convert the document to PDF, JPEG, PNG, BMP, TIFF or HEIF.',
};

/**
 * The {@link ProviderError} for an HTTP failure of the analyze call or of its polling.
 *
 * @example
 * ```ts
 * throw azureHttpError({ status: 429, error: body.error, header: (name) => headers[name] });
 * ```
 */
export function azureHttpError(failure: AzureHttpFailure): ProviderError {
  const status = failure.status;
  const { retryable, retryAfterMs } = retryability({ status, header: failure.header });
  const service = describeServiceError(failure.error);
  const fix = status === undefined ? undefined : FIXES[status];
  const message = [
    `Azure Document Intelligence answered HTTP ${status ?? 'error'}${service ? `: ${service}` : ''}.`,
    retryable ? 'It is usually temporary; try again later.' : fix,
  ]
    .filter(Boolean)
    .join(' ');
  return new ProviderError(message, {
    provider: AZURE_PROVIDER,
    retryable,
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(failure.cause === undefined ? {} : { cause: failure.cause }),
  });
}

/** The non-retryable {@link ProviderError} for an analysis the service finished with `status: failed`. */
export function azureFailedOperationError(error: AzureServiceError | undefined): ProviderError {
  const service = describeServiceError(error) || 'no reason given';
  return new ProviderError(
    `Azure Document Intelligence could not analyze the document: ${service}. Check that the document is readable and the model fits it.`,
    { provider: AZURE_PROVIDER, retryable: false },
  );
}

/**
 * The {@link ProviderError} for anything an Azure client threw: an HTTP error (`RestError`), the legacy client's
 * `FormRecognizerError` for a failed analysis, or a broken connection.
 */
export function azureThrownError(error: unknown): ProviderError {
  if (ProviderError.isInstance(error)) return error;
  const thrown = (error ?? {}) as {
    statusCode?: number;
    code?: string;
    message?: string;
    name?: string;
    response?: { headers?: { get(name: string): string | undefined } };
    details?: unknown;
  };
  if (thrown.statusCode !== undefined) {
    return azureHttpError({
      status: thrown.statusCode,
      // A RestError keeps the parsed body in `details`; its `error` has the inner cause the message lacks.
      error: (thrown.details as { error?: AzureServiceError } | undefined)?.error ?? {
        code: thrown.code,
        message: thrown.message,
      },
      header: (name) => thrown.response?.headers?.get(name),
      cause: error,
    });
  }
  if (thrown.code && retryability({ code: thrown.code }).retryable) {
    return new ProviderError(
      `The connection to Azure Document Intelligence failed (${thrown.code}); check the endpoint and the network, or try again later.`,
      { provider: AZURE_PROVIDER, retryable: true, cause: error },
    );
  }
  // The legacy client reports a failed analysis as a `FormRecognizerError`: a code and details, no status.
  if (thrown.name === 'FormRecognizerError' || Array.isArray(thrown.details))
    return azureFailedOperationError({ code: thrown.code, message: thrown.message });
  return new ProviderError(`Azure Document Intelligence failed: ${thrown.message ?? String(error)}`, {
    provider: AZURE_PROVIDER,
    retryable: false,
    cause: error,
  });
}

function describeServiceError(error: AzureServiceError | undefined): string {
  // The innermost error names the specific cause (e.g. `InvalidContent` under `InvalidRequest`).
  let inner = error;
  while (inner?.innererror?.message) inner = inner.innererror;
  if (!inner) return '';
  return [inner.code, inner.message?.replace(/\.+$/, '')].filter(Boolean).join(' ');
}

/**
 * The error for an analysis result that cannot be mapped as the service documents it (two pages with one number,
 * a page without a size): the service never answers so for the PDFs and images docpipe sends it, so the answer
 * came from somewhere that altered it. Not retryable: the same endpoint would answer the same again.
 *
 * @param problem - What is wrong, as a clause: `two pages are numbered 1`.
 * @param provider - The provider name the document would have carried.
 */
export function malformedAzureResult(problem: string, provider: string): ProviderError {
  return new ProviderError(
    `Azure Document Intelligence answered with a malformed result: ${problem}; check that OCRConfig.endpoint reaches the Document Intelligence resource itself, not a proxy or stand-in that alters its answers.`,
    { provider, retryable: false },
  );
}
