/**
 * What the `azure` adapter is made from, and those settings resolved once, at construction, with the
 * environment's endpoint and key for what they leave out.
 *
 * @module
 */
import type { DocumentIntelligenceClientOptions } from '@azure-rest/ai-document-intelligence';
import { AzureCredential, type AzureTokenCredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import type { OcrFeature } from '../../spec/ocr-provider.js';
import { type OptionName, oneOf, optionalEndpoint, optionalInteger } from '../../util/config-checks.js';

/** The environment variables read when the settings leave the endpoint or the key out. */
export const AZURE_ENV = {
  endpoint: 'AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT',
  key: 'AZURE_DOCUMENT_INTELLIGENCE_KEY',
} as const;

/** The model analysed with when the settings name none. */
export const DEFAULT_AZURE_MODEL = 'prebuilt-layout';

/** Settings of {@link createAzureOcr}; `OCRConfig` options of the same names fill them in a pipeline. */
export interface AzureOcrSettings {
  /** The model id: `prebuilt-read`, `prebuilt-layout`, `prebuilt-invoice`, a custom model. @default 'prebuilt-layout' */
  readonly model?: string;
  /** Features to ask for: `FORMS` adds Azure's `keyValuePairs`; tables and layout come with the model. @default [] */
  readonly features?: readonly OcrFeature[];
  /** The resource's key. @default the credential's, else `AZURE_DOCUMENT_INTELLIGENCE_KEY` */
  readonly apiKey?: string;
  /** An Azure key, or a `TokenCredential` (e.g. `DefaultAzureCredential` from `@azure/identity`); used when `apiKey` is not set. */
  readonly credential?: AzureCredential | AzureTokenCredential;
  /** The resource's URL (https://<name>.cognitiveservices.azure.com); `http://` only for loopback hosts. @default `AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT` */
  readonly endpoint?: string;
  /** How often the analyze operation is polled, in ms, when the service does not say (`Retry-After`). @default 1000 */
  readonly pollIntervalMs?: number;
  /** The API version; `'2023-07-31'` uses the legacy `@azure/ai-form-recognizer` client. @default '2024-11-30' */
  readonly apiVersion?: '2024-11-30' | '2023-07-31';
  /** The service's `outputContentFormat`; `'markdown'` keeps its markdown on the OcrDocument (API 2024-11-30). @default 'markdown' */
  readonly outputFormat?: 'markdown' | 'text';
  /** USD per page by model id, over {@link AZURE_PRICE_PER_PAGE}. @default the table */
  readonly pricePerPage?: Readonly<Record<string, number>>;
  /**
   * What sends the SDK's HTTP requests, after its own pipeline (authentication, headers): one
   * `sendRequest(request)` method, as both Azure SDKs take it (`@azure/core-rest-pipeline`'s `HttpClient`). To
   * route through a proxy, record requests, or test against a stub. @default the SDK's Node HTTP client
   */
  readonly httpClient?: NonNullable<DocumentIntelligenceClientOptions['httpClient']>;
}

/** A key credential in the shape both Azure clients take (`KeyCredential`). */
export interface AzureKey {
  readonly key: string;
}

/** Everything the adapter needs to call the service. */
export interface ResolvedAzureSettings {
  /** The resource root, without a trailing slash. */
  readonly endpoint: string;
  readonly credential: AzureKey | AzureTokenCredential;
  /** Plain `http://` is only ever accepted for loopback hosts (see `optionalEndpoint`). */
  readonly allowInsecureConnection: boolean;
  readonly modelId: string;
  readonly features: readonly OcrFeature[];
  readonly apiVersion: '2024-11-30' | '2023-07-31';
  readonly outputFormat: 'markdown' | 'text';
  readonly pollIntervalMs: number;
  readonly pricePerPage: AzureOcrSettings['pricePerPage'];
  readonly httpClient: AzureOcrSettings['httpClient'];
}

// Messages name the options as most users set them, on OCRConfig (the CLI rewrites them into its flags).
const option = (name: string): OptionName => ({ config: 'OCRConfig', option: name });

/**
 * The settings resolved, reading `AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT` / `_KEY` from `env` for what they
 * leave out.
 *
 * @throws {ConfigError} when the endpoint or the credential is missing, the credential is not an Azure one, or
 * a setting is invalid
 */
export function resolveAzureSettings(
  settings: AzureOcrSettings,
  env: NodeJS.ProcessEnv = process.env,
): ResolvedAzureSettings {
  const endpoint =
    optionalEndpoint(option('endpoint'), settings.endpoint) ??
    optionalEndpoint({ config: 'environment', option: AZURE_ENV.endpoint }, env[AZURE_ENV.endpoint]);
  if (!endpoint) {
    throw new ConfigError(
      `Azure Document Intelligence needs an endpoint: set ${AZURE_ENV.endpoint} or OCRConfig.endpoint to your resource's URL (https://<name>.cognitiveservices.azure.com).`,
      { option: 'OCRConfig.endpoint' },
    );
  }
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    credential: resolveCredential(settings, env),
    allowInsecureConnection: new URL(endpoint).protocol === 'http:',
    modelId: settings.model ?? DEFAULT_AZURE_MODEL,
    features: settings.features ?? [],
    apiVersion: oneOf(option('apiVersion'), settings.apiVersion ?? '2024-11-30', [
      '2024-11-30',
      '2023-07-31',
    ]),
    outputFormat: oneOf(option('outputFormat'), settings.outputFormat ?? 'markdown', ['markdown', 'text']),
    pollIntervalMs: optionalInteger(option('pollIntervalMs'), settings.pollIntervalMs, 1) ?? 1000,
    pricePerPage: settings.pricePerPage,
    httpClient: settings.httpClient,
  };
}

function resolveCredential(
  { apiKey, credential }: AzureOcrSettings,
  env: NodeJS.ProcessEnv,
): ResolvedAzureSettings['credential'] {
  if (apiKey) return { key: apiKey };
  if (credential instanceof AzureCredential) return { key: credential.key };
  if (typeof (credential as AzureTokenCredential | undefined)?.getToken === 'function')
    return credential as AzureTokenCredential;
  if (credential !== undefined) {
    throw new ConfigError(
      'OCRConfig.credential must be an AzureCredential or an Azure TokenCredential (e.g. DefaultAzureCredential from @azure/identity) for the azure provider.',
      { option: 'OCRConfig.credential' },
    );
  }
  const key = env[AZURE_ENV.key];
  if (!key) {
    throw new ConfigError(
      `Azure Document Intelligence needs a key: set ${AZURE_ENV.key}, or pass OCRConfig.credential (an AzureCredential or a TokenCredential).`,
      { option: 'OCRConfig.credential' },
    );
  }
  return { key };
}
