import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { AnthropicCredential, BedrockCredential } from '../../../src/credentials.js';
import { connectBedrock } from '../../../src/llm/bedrock/bedrock-client.js';
import type { BedrockModelSettings } from '../../../src/llm/bedrock/index.js';
import { createBedrockModel, DEFAULT_BEDROCK_MODEL } from '../../../src/llm/bedrock/index.js';
import { ConfigError } from '../../../src/spec/errors.js';
import { startBedrockServer } from '../../support/bedrock-server.js';
import type { LlmTestServer } from '../../support/llm-script.js';
import {
  INVOICE,
  invoiceRequest,
  isolateSdkEnvironment,
  rejectionOf,
} from '../anthropic/messages-fixtures.js';
import { describeMessagesAdapter } from '../anthropic/messages-scenarios.js';

// AWS's documented example key id: key-shaped, so redaction is tested, and known to be fake.
const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_KEY = 'test-secret-SECRET-456';
const credential = () => new BedrockCredential({ accessKeyId: ACCESS_KEY, secretAccessKey: SECRET_KEY });

const bedrockModel = (server: LlmTestServer, options: BedrockModelSettings = {}) =>
  createBedrockModel({
    region: 'us-east-1',
    credential: credential(),
    baseURL: server.url,
    ...options,
  });

describeMessagesAdapter({
  provider: 'bedrock',
  startServer: startBedrockServer,
  createModel: bedrockModel,
  secrets: [ACCESS_KEY, SECRET_KEY],
  models: {
    structured: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    legacy: 'anthropic.claude-3-5-sonnet-20241022-v2:0',
  },
});

describe('the bedrock adapter', () => {
  let server: LlmTestServer;

  beforeAll(async () => {
    server = await startBedrockServer();
  });
  afterAll(() => server.close());
  beforeEach(() => isolateSdkEnvironment());
  afterEach(() => vi.unstubAllEnvs());

  it('invokes /model/{id}/invoke signed with SigV4, the model in the path and the version in the body', async () => {
    server.script({ kind: 'json', value: INVOICE });
    const model = bedrockModel(server);
    expect(model).toMatchObject({ provider: 'bedrock', modelId: DEFAULT_BEDROCK_MODEL });
    await model.extract(invoiceRequest());
    const request = server.requests.at(-1);
    expect(request).toMatchObject({
      method: 'POST',
      // The SDK keeps the ':' of the model id as it is; Bedrock accepts it.
      path: `/model/${DEFAULT_BEDROCK_MODEL}/invoke`,
      auth: 'AWS4-HMAC-SHA256',
    });
    expect(request?.body).not.toHaveProperty('model');
    expect(request?.body.anthropic_version).toEqual(expect.any(String));
  });

  it('a scripted 529 comes back as Bedrock overload, 503, and is retryable', async () => {
    server.script({ kind: 'status', status: 529 });
    const error = await rejectionOf(bedrockModel(server).extract(invoiceRequest()));
    expect(error).toMatchObject({ name: 'ProviderError', status: 503, retryable: true });
  });

  it('a 403 says to check IAM and model access', async () => {
    server.script({ kind: 'status', status: 403 });
    const error = await rejectionOf(bedrockModel(server).extract(invoiceRequest()));
    expect(error).toMatchObject({ status: 403, retryable: false });
    expect((error as Error).message).toMatch(
      /bedrock:InvokeModel.*model is enabled|bedrock:InvokeModel.*model access/s,
    );
  });

  it('reads the region from AWS_REGION, then AWS_DEFAULT_REGION', async () => {
    const config = {};
    const regionOf = async (env: NodeJS.ProcessEnv) =>
      ((await connectBedrock(config, undefined, env)) as unknown as { awsRegion: string }).awsRegion;
    expect(await regionOf({ AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-west-1' })).toBe(
      'eu-central-1',
    );
    expect(await regionOf({ AWS_DEFAULT_REGION: 'eu-west-1' })).toBe('eu-west-1');
    const configured = { region: 'ap-southeast-2' };
    const client = await connectBedrock(configured, undefined, { AWS_REGION: 'eu-central-1' });
    expect((client as unknown as { awsRegion: string }).awsRegion).toBe('ap-southeast-2');
  });

  it('refuses to be created without a region, saying how to set one, so nothing is read or paid for first', () => {
    const calls = server.requests.length;
    let error: unknown;
    try {
      bedrockModel(server, { region: undefined });
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: 'LLMExtractionConfig.region' });
    expect((error as Error).message).toMatch(/^Amazon Bedrock needs a region; set AWS_REGION/);
    expect(server.requests).toHaveLength(calls);
  });

  it('is created with a region from AWS_REGION or AWS_DEFAULT_REGION, without looking for credentials', () => {
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    expect(bedrockModel(server, { region: undefined, credential: undefined }).provider).toBe('bedrock');
    vi.stubEnv('AWS_REGION', undefined);
    vi.stubEnv('AWS_DEFAULT_REGION', 'eu-west-1');
    expect(bedrockModel(server, { region: undefined, credential: undefined }).provider).toBe('bedrock');
  });

  it('signs with the given keys even when a Bedrock API key is in the environment', async () => {
    vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', 'bedrock-api-key-SECRET');
    server.script({ kind: 'json', value: INVOICE });
    await bedrockModel(server).extract(invoiceRequest());
    expect(server.requests.at(-1)?.auth).toBe('AWS4-HMAC-SHA256');
  });

  it('uses AWS_BEARER_TOKEN_BEDROCK when no credential is given', async () => {
    vi.stubEnv('AWS_BEARER_TOKEN_BEDROCK', 'bedrock-api-key-SECRET');
    server.script({ kind: 'json', value: INVOICE });
    await bedrockModel(server, { credential: undefined }).extract(invoiceRequest());
    expect(server.requests.at(-1)?.auth).toBe('Bearer');
  });

  it('signs with the keys of the AWS default chain when no credential is given', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', ACCESS_KEY);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRET_KEY);
    server.script({ kind: 'json', value: INVOICE });
    await bedrockModel(server, { credential: undefined }).extract(invoiceRequest());
    expect(server.requests.at(-1)?.auth).toBe('AWS4-HMAC-SHA256');
  });

  it('says how to provide AWS credentials when the default chain finds none', async () => {
    vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
    vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/docpipe-test/config');
    vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/docpipe-test/credentials');
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', undefined);
    vi.stubEnv('AWS_CONTAINER_CREDENTIALS_FULL_URI', undefined);
    vi.stubEnv('AWS_WEB_IDENTITY_TOKEN_FILE', undefined);
    const error = await rejectionOf(
      bedrockModel(server, { credential: undefined }).extract(invoiceRequest()),
    );
    expect(error).toMatchObject({ name: 'ConfigError', option: 'LLMExtractionConfig.credential' });
    expect((error as Error).message).toMatch(/No AWS credentials were found.*BedrockCredential/);
  });

  it('rejects a credential of another provider at construction', () => {
    const anthropic = new AnthropicCredential({ apiKey: 'sk-ant-test' });
    expect(() => createBedrockModel({ credential: anthropic as never })).toThrow(
      /must be a BedrockCredential for the bedrock provider/,
    );
  });
});
