/**
 * What the `bedrock` adapter is made from.
 *
 * @module
 */
import type { BedrockCredential } from '../../credentials.js';
import type { OutputMode } from '../../spec/extraction-model.js';
import type { HttpClientSettings } from '../http-client-settings.js';

/** Settings of {@link createBedrockModel}; `LLMExtractionConfig` options of the same names fill them in a pipeline. */
export interface BedrockModelSettings extends HttpClientSettings {
  /** The model id or inference profile. @default {@link DEFAULT_BEDROCK_MODEL} */
  readonly model?: string;
  /** The AWS region. @default `AWS_REGION`, then `AWS_DEFAULT_REGION` */
  readonly region?: string;
  /** Static AWS keys. @default the AWS default credential chain (or `AWS_BEARER_TOKEN_BEDROCK`) */
  readonly credential?: BedrockCredential;
  /** How answers are constrained to the schema, as for the `anthropic` adapter. @default 'auto' */
  readonly outputMode?: Exclude<OutputMode, 'json-object'>;
  /** Marks the system prompt cacheable. @default true */
  readonly promptCaching?: boolean;
}
