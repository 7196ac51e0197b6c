/**
 * What the `textract` adapter is made from, and those settings resolved once, at construction.
 *
 * @module
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { TextractClient } from '@aws-sdk/client-textract';
import type { AwsCredential } from '../../credentials.js';
import type { Warning } from '../../spec/document.js';
import type { OcrFeature } from '../../spec/ocr-provider.js';
import { type OptionName, optionalEndpoint, optionalInteger } from '../../util/config-checks.js';
import { type AwsSdkCredentials, awsCredentials, textractRegion } from './textract-client.js';
import { type TextractOperation, textractOperation } from './textract-request.js';

/** Settings of {@link createTextractOcr}; `OCRConfig` options of the same names fill them in a pipeline. */
export interface TextractOcrSettings {
  /** Textract's API: `'document'` (DetectDocumentText, or AnalyzeDocument with features) or `'expense'` (AnalyzeExpense). @default 'document' */
  readonly model?: string;
  /** AnalyzeDocument features to ask for. @default [] (text only, with DetectDocumentText) */
  readonly features?: readonly OcrFeature[];
  /** Questions for the `QUERIES` feature. @default [] */
  readonly queries?: readonly string[];
  /** Static AWS keys for the clients docpipe makes. @default the AWS default provider chain */
  readonly credential?: AwsCredential;
  /** Textract's endpoint for the client docpipe makes; `http://` only for loopback hosts. @default the SDK's (it honours `AWS_ENDPOINT_URL_TEXTRACT`) */
  readonly endpoint?: string;
  /** The region of the clients docpipe makes. @default `AWS_REGION`, else `AWS_DEFAULT_REGION`, else the AWS profile's */
  readonly region?: string;
  /**
   * An S3 location for Textract's asynchronous APIs: PDFs and TIFFs are uploaded under `prefix`, read by one job
   * polled to completion, then deleted. Without it, PDFs are split and sent page by page to the synchronous APIs.
   * @default none
   */
  readonly s3?: { readonly bucket: string; readonly prefix?: string };
  /** How often an asynchronous job is polled, in ms (backing off as it runs). @default 1000 */
  readonly pollIntervalMs?: number;
  /** Pages of a split PDF sent to Textract at once. @default 4 */
  readonly concurrency?: number;
  /** USD per page by price-table key, over {@link TEXTRACT_PRICE_PER_PAGE}. @default the table */
  readonly pricePerPage?: Readonly<Record<string, number>>;
  /** How long one HTTP request of the client docpipe makes may take before it fails as a retryable timeout. @default 120000 */
  readonly requestTimeoutMs?: number;
  /**
   * The Textract client to send requests with, used as it is: its region, endpoint and credentials replace
   * `region`, `endpoint`, `credential` and `requestTimeoutMs`, and its owner destroys it. Make it with
   * `maxAttempts: 1`, so that docpipe's retry policy is the only one that runs. @default a client docpipe makes
   */
  readonly client?: TextractClient;
  /**
   * The S3 client that stages documents for the asynchronous APIs (with `s3`), used as it is, its owner
   * destroying it. @default a client docpipe makes with `region` and `credential` (its endpoint honours `AWS_ENDPOINT_URL_S3`)
   */
  readonly s3Client?: S3Client;
}

/** Everything the adapter needs, defaults filled in and checked. */
export interface ResolvedTextractSettings {
  readonly operation: TextractOperation;
  /** Settings the operation ignores. */
  readonly warnings: readonly Warning[];
  /** The region of the clients docpipe makes; `undefined` leaves it to the SDK (the AWS profile's). */
  readonly region: string | undefined;
  readonly credentials: AwsSdkCredentials | undefined;
  readonly endpoint: string | undefined;
  readonly s3: TextractOcrSettings['s3'];
  readonly pollIntervalMs: number;
  readonly concurrency: number;
  readonly pricePerPage: TextractOcrSettings['pricePerPage'];
  readonly requestTimeoutMs: number;
  readonly client: TextractClient | undefined;
  readonly s3Client: S3Client | undefined;
}

const DEFAULT_REQUEST_TIMEOUT_MS = 120_000;

// Messages name the options as most users set them, on OCRConfig (the CLI rewrites them into its flags).
const option = (name: string): OptionName => ({ config: 'OCRConfig', option: name });

/**
 * The settings resolved: the operation chosen, the numbers checked, and the region found when docpipe makes a
 * client (see {@link textractRegion}).
 *
 * @throws {@link ConfigError} when the model is not `'document'` or `'expense'`, a number or the endpoint is
 * invalid, the credential is not an `AwsCredential`, or no region is found for a client docpipe makes
 */
export function resolveTextractSettings(
  settings: TextractOcrSettings,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedTextractSettings {
  const { operation, warnings } = textractOperation(settings);
  const { client, s3Client, s3 } = settings;
  const makesClient = client === undefined || (s3 !== undefined && s3Client === undefined);
  return {
    operation,
    warnings,
    // Checked now, so a pipeline without a region fails before any document is read.
    region: makesClient ? textractRegion(settings, env) : settings.region,
    credentials: awsCredentials(settings.credential),
    endpoint: optionalEndpoint(option('endpoint'), settings.endpoint),
    s3,
    pollIntervalMs: optionalInteger(option('pollIntervalMs'), settings.pollIntervalMs, 1) ?? 1000,
    concurrency: optionalInteger(option('concurrency'), settings.concurrency, 1) ?? 4,
    pricePerPage: settings.pricePerPage,
    requestTimeoutMs: settings.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    client,
    s3Client,
  };
}
