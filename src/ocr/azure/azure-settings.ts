/**
 * The adapter's settings resolved once, at construction, from `OCRConfig` and the environment.
 *
 * @module
 */
import { AzureCredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import { optionalEndpoint } from '../../stages/config-checks.js';
import type { AzureTokenCredential, OCRConfig } from '../../stages/ocr-config.js';

/** The environment variables read when `OCRConfig` leaves the endpoint or the credential out. */
export const AZURE_ENV = {
  endpoint: 'AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT',
  key: 'AZURE_DOCUMENT_INTELLIGENCE_KEY',
} as const;

/** A key credential in the shape both Azure clients take (`KeyCredential`). */
export interface AzureKey {
  readonly key: string;
}

/** Everything the adapter needs to call the service. */
export interface AzureSettings {
  /** The resource root, without a trailing slash. */
  readonly endpoint: string;
  readonly credential: AzureKey | AzureTokenCredential;
  /** Plain `http://` is only ever accepted for loopback hosts (see `optionalEndpoint`). */
  readonly allowInsecureConnection: boolean;
  readonly modelId: string;
  readonly apiVersion: OCRConfig['apiVersion'];
  readonly outputFormat: OCRConfig['outputFormat'];
  readonly pollIntervalMs: number;
}

/** The model analysed with when `OCRConfig.model` is not set. */
export const DEFAULT_AZURE_MODEL = 'prebuilt-layout';

/**
 * The settings for `config`, reading `AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT` / `_KEY` from `env` for what it
 * leaves out.
 *
 * @throws {ConfigError} when the endpoint or the credential is missing, or the credential is not an Azure one
 */
export function resolveAzureSettings(config: OCRConfig, env: NodeJS.ProcessEnv = process.env): AzureSettings {
  const endpoint =
    config.endpoint ??
    optionalEndpoint({ config: 'environment', option: AZURE_ENV.endpoint }, env[AZURE_ENV.endpoint]);
  if (!endpoint) {
    throw new ConfigError(
      `Azure Document Intelligence needs an endpoint: set ${AZURE_ENV.endpoint} or OCRConfig.endpoint to your resource's URL (https://<name>.cognitiveservices.azure.com).`,
      { option: 'OCRConfig.endpoint' },
    );
  }
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    credential: resolveCredential(config.credential, env),
    allowInsecureConnection: new URL(endpoint).protocol === 'http:',
    modelId: config.model ?? DEFAULT_AZURE_MODEL,
    apiVersion: config.apiVersion,
    outputFormat: config.outputFormat,
    pollIntervalMs: config.pollIntervalMs,
  };
}

function resolveCredential(
  credential: OCRConfig['credential'],
  env: NodeJS.ProcessEnv,
): AzureSettings['credential'] {
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
