/**
 * Credentials for cloud providers. Each holds its secrets in private fields: they never appear
 * in `JSON.stringify`, `console.log`, errors, cache keys or run metadata. When a credential is
 * not given, the adapter reads the ecosystem's standard sources (environment, AWS chain).
 *
 * @module
 */
import { inspect } from 'node:util';

/** What every credential shows of itself when printed or serialized: its type, never a secret. */
abstract class RedactedCredential {
  /** @internal */
  toJSON(): { readonly type: string; readonly redacted: true } {
    return { type: this.constructor.name, redacted: true };
  }

  /** @internal */
  [inspect.custom](): string {
    return `${this.constructor.name} { <redacted> }`;
  }
}

/** Static AWS keys. Without one, adapters use the AWS default provider chain and `AWS_REGION`. */
export class AwsCredential extends RedactedCredential {
  readonly #accessKeyId: string;
  readonly #secretAccessKey: string;
  readonly #sessionToken: string | undefined;

  constructor(options: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) {
    super();
    this.#accessKeyId = options.accessKeyId;
    this.#secretAccessKey = options.secretAccessKey;
    this.#sessionToken = options.sessionToken;
  }

  /** The keys in the shape AWS SDK v3 clients take as `credentials`. @internal */
  toAwsSdkCredentials(): { accessKeyId: string; secretAccessKey: string; sessionToken?: string } {
    return {
      accessKeyId: this.#accessKeyId,
      secretAccessKey: this.#secretAccessKey,
      ...(this.#sessionToken === undefined ? {} : { sessionToken: this.#sessionToken }),
    };
  }
}

/** Claude on Amazon Bedrock: AWS keys (or the default chain when omitted) and a region. */
export class BedrockCredential extends AwsCredential {}

/**
 * An Azure Document Intelligence key. Without one, adapters read
 * `AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT` and `AZURE_DOCUMENT_INTELLIGENCE_KEY`.
 */
export class AzureCredential extends RedactedCredential {
  readonly #key: string;

  constructor(options: { key: string }) {
    super();
    this.#key = options.key;
  }

  /** @internal */
  get key(): string {
    return this.#key;
  }
}

/** An Azure `TokenCredential` (from `@azure/identity`): anything with `getToken`. */
export interface AzureTokenCredential {
  getToken(
    scopes: string | string[],
    options?: unknown,
  ): Promise<{ token: string; expiresOnTimestamp: number } | null>;
}

/** An API key for a bearer-token LLM API. */
abstract class ApiKeyCredential extends RedactedCredential {
  readonly #apiKey: string;

  constructor(options: { apiKey: string }) {
    super();
    this.#apiKey = options.apiKey;
  }

  /** @internal */
  get apiKey(): string {
    return this.#apiKey;
  }
}

/** An Anthropic API key. Without one, adapters read `ANTHROPIC_API_KEY`. */
export class AnthropicCredential extends ApiKeyCredential {}

/** An OpenAI(-compatible) API key. Without one, adapters read `OPENAI_API_KEY`. */
export class OpenAICredential extends ApiKeyCredential {}

/** Any credential docpipe's built-in adapters accept. */
export type Credential = AwsCredential | AzureCredential | AnthropicCredential | OpenAICredential;

/** Whether a value is one of docpipe's credential objects. */
export function isCredential(value: unknown): value is Credential {
  return value instanceof RedactedCredential;
}
