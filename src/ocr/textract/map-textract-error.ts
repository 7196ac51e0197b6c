/**
 * Errors of the Textract SDK as docpipe errors: retryable or not, with the wait AWS asked for, and never a
 * credential in the message.
 *
 * @module
 */
import { ConfigError, type DocpipeError, ProviderError } from '../../spec/errors.js';
import { retryability } from '../../spec/retryability.js';
import { quotableMessage } from '../../util/quotable-message.js';

const PROVIDER = 'aws.textract';

const CREDENTIAL_NAMES = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);

// What to do about each permanent failure, in the words a user needs.
const FIXES: Readonly<Record<string, string>> = {
  InvalidParameterException: 'check OCRConfig.features and OCRConfig.queries',
  UnsupportedDocumentException: 'convert the document to PNG, JPEG, TIFF or PDF',
  BadDocumentException: 'check that the file opens, or re-export it',
  DocumentTooLargeException: 'downscale or split the document, or set OCRConfig.s3 for the asynchronous API',
  AccessDeniedException: 'grant the caller textract:* permissions (and s3:GetObject for OCRConfig.s3)',
  InvalidS3ObjectException: 'upload the document to the S3 key docpipe names, in the region of the client',
};

/** What the SDK attaches to the errors it throws. */
interface SdkErrorFields {
  readonly name?: string;
  readonly message?: string;
  readonly code?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly requestId?: string };
  readonly $response?: { readonly statusCode?: number; readonly headers?: Readonly<Record<string, string>> };
}

/**
 * The docpipe error for anything a Textract call threw: a `ConfigError` for a missing region or credentials,
 * else a `ProviderError`, retryable for throttling, 429, 5xx, timeouts and connection resets.
 *
 * @param secrets - Credential values to blank out should AWS echo one (signature errors quote the request).
 */
export function mapTextractError(
  error: unknown,
  operation: string,
  secrets: readonly string[],
): DocpipeError {
  const fields = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorFields;
  const name = fields.name ?? 'Error';
  const message = fields.message ?? String(error);
  if (message === 'Region is missing') {
    return new ConfigError(
      'Textract needs an AWS region; set AWS_REGION in the environment or OCRConfig.region (e.g. us-east-1).',
      { option: 'OCRConfig.region' },
    );
  }
  if (name === 'CredentialsProviderError') {
    return new ConfigError(
      'No AWS credentials were found for Textract; pass OCRConfig.credential, or configure the AWS default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, SSO or an instance role).',
      { option: 'OCRConfig.credential' },
    );
  }
  const status = fields.$metadata?.httpStatusCode ?? fields.$response?.statusCode;
  const requestId = fields.$metadata?.requestId;
  const where = `Textract ${operation} failed${status === undefined ? '' : ` with HTTP ${status}`}`;
  const id = requestId === undefined ? '' : ` (request id ${requestId})`;
  if (CREDENTIAL_NAMES.has(name)) {
    // The vendor text of signature errors quotes the signed request; a fixed sentence says all a user needs.
    return new ProviderError(
      `${where}: AWS rejected the credentials (${name})${id}; check the access key id and secret in OCRConfig.credential or the AWS default chain, and that the clock is right.`,
      { provider: PROVIDER, retryable: false, ...(status === undefined ? {} : { status }) },
    );
  }
  const headers = fields.$response?.headers;
  const { retryable, retryAfterMs } = retryability({
    status,
    name,
    code: fields.code,
    ...(headers ? { header: (header: string) => headers[header] } : {}),
  });
  const fix = retryable ? 'try again later' : (FIXES[name] ?? 'see the message above');
  return new ProviderError(`${where}: ${name}: ${redact(message, secrets)}${id}; ${fix}.`, {
    provider: PROVIDER,
    retryable,
    ...(status === undefined ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

const ACCESS_KEY_ID = /\b(?:AKIA|ASIA|AKID)[A-Z0-9]{4,}\b/g;

function redact(message: string, secrets: readonly string[]): string {
  // Only the first paragraph: AWS appends canonical requests and string-to-sign after a blank line.
  return quotableMessage(message.split(/\n\s*\n/)[0] ?? '', secrets, ACCESS_KEY_ID);
}

/**
 * The error for a Textract response that cannot be mapped as Textract documents it (a block on page 0, a page
 * the document does not have): what AWS itself answers never does that, so the response came from somewhere
 * that altered it. Not retryable: the same endpoint would answer the same again, and each try is billed.
 *
 * @param problem - What is wrong, as a clause: `a block gives -1 as its page number`.
 */
export function malformedTextractResponse(problem: string): ProviderError {
  return new ProviderError(
    `Textract answered with a malformed response: ${problem}; check that OCRConfig.endpoint reaches Amazon Textract itself, not a proxy or stand-in that alters its answers.`,
    { provider: PROVIDER, retryable: false },
  );
}
