/**
 * The Bedrock SDK client (`AnthropicBedrock`), imported lazily: the region from the settings or the
 * AWS environment, static keys from a `BedrockCredential` or else the AWS default chain, the base
 * URL from the settings or `ANTHROPIC_BEDROCK_BASE_URL`.
 *
 * @module
 */
import type { AwsCredential, BedrockCredential } from '../../credentials.js';
import { ConfigError } from '../../spec/errors.js';
import { optionalEndpoint } from '../../util/config-checks.js';
import { endpointFromEnv, type MessagesClient, sdkClientOptions } from '../anthropic/messages-client.js';
import type { BedrockModelSettings } from './bedrock-settings.js';

/** The environment variables read when the settings leave the region or the base URL out. */
export const BEDROCK_ENV = {
  region: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
  baseURL: 'ANTHROPIC_BEDROCK_BASE_URL',
} as const;

// Imported on first use, once per process, so that `import 'docpipe'` does not load the SDK.
let sdk: Promise<typeof import('@anthropic-ai/bedrock-sdk')> | undefined;

/**
 * The static keys of the settings' credential, or undefined for the AWS default chain.
 *
 * @throws {ConfigError} for a credential that is not an AWS one
 */
export function bedrockKeys(
  settings: BedrockModelSettings,
): ReturnType<AwsCredential['toAwsSdkCredentials']> | undefined {
  const { credential } = settings;
  if (credential === undefined) return undefined;
  // Duck-typed, so a BedrockCredential from another copy of docpipe works too.
  if ('toAwsSdkCredentials' in credential) return (credential as BedrockCredential).toAwsSdkCredentials();
  throw new ConfigError(
    'LLMExtractionConfig.credential must be a BedrockCredential for the bedrock provider; pass new BedrockCredential({ accessKeyId, secretAccessKey }), or leave it out to use the AWS default credential chain.',
    { option: 'LLMExtractionConfig.credential' },
  );
}

/**
 * The region: the settings', else `AWS_REGION`, else `AWS_DEFAULT_REGION`. Called when the model is
 * built, so a pipeline without one fails before any document is read, and again at connection.
 *
 * @throws {ConfigError} when none is set
 */
export function bedrockRegion(settings: BedrockModelSettings, env: NodeJS.ProcessEnv = process.env): string {
  const region = settings.region ?? BEDROCK_ENV.region.map((name) => env[name]).find(Boolean);
  if (region) return region;
  throw new ConfigError(
    'Amazon Bedrock needs a region; set AWS_REGION (e.g. us-east-1), or LLMExtractionConfig.region.',
    { option: 'LLMExtractionConfig.region' },
  );
}

/**
 * A client for the settings. Without static keys the SDK signs with the AWS default chain (environment,
 * profile, SSO, instance role), or uses `AWS_BEARER_TOKEN_BEDROCK` when that Bedrock API key is set.
 *
 * @throws {ConfigError} when no region is configured, or `ANTHROPIC_BEDROCK_BASE_URL` is not a usable URL
 */
export async function connectBedrock(
  settings: BedrockModelSettings,
  keys: ReturnType<typeof bedrockKeys>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<MessagesClient> {
  const awsRegion = bedrockRegion(settings, env);
  const baseURL =
    optionalEndpoint({ config: 'LLMExtractionConfig', option: 'baseURL' }, settings.baseURL) ??
    endpointFromEnv(BEDROCK_ENV.baseURL, env);
  sdk ??= import('@anthropic-ai/bedrock-sdk');
  const { AnthropicBedrock } = await sdk;
  const options = { awsRegion, ...(baseURL === undefined ? {} : { baseURL }), ...sdkClientOptions(settings) };
  if (keys === undefined) return new AnthropicBedrock(options);
  return new AnthropicBedrock({
    ...options,
    // Given keys win: a Bedrock API key in the environment would otherwise replace them.
    apiKey: null,
    awsAccessKey: keys.accessKeyId,
    awsSecretKey: keys.secretAccessKey,
    awsSessionToken: keys.sessionToken ?? null,
  });
}
