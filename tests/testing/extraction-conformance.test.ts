/**
 * Every built-in extraction model, and the mock, through the extraction model conformance suite: the offline
 * ones as they are, the three that call a service through their real SDK against its local stand-in, which
 * answers every request with the suite's answer.
 */
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { BedrockCredential } from '../../src/credentials.js';
import { createAnthropicModel } from '../../src/llm/anthropic/index.js';
import { createBedrockModel } from '../../src/llm/bedrock/index.js';
import { createHeuristicModel } from '../../src/llm/heuristic/index.js';
import { createOpenAICompatibleModel } from '../../src/llm/openai-compatible/index.js';
import type { ExtractionModel } from '../../src/spec/extraction-model.js';
import {
  createMockExtractionModel,
  EXTRACTION_CONFORMANCE_ANSWER,
  runExtractionModelConformance,
} from '../../src/testing/index.js';
import { isolateSdkEnvironment } from '../llm/anthropic/messages-fixtures.js';
import { startAnthropicServer } from '../support/anthropic-server.js';
import { startBedrockServer } from '../support/bedrock-server.js';
import type { LlmTestServer } from '../support/llm-script.js';
import { startOpenAIServer } from '../support/openai-server.js';

type OutputMode = 'json-schema' | 'json-object' | 'tool';
type MessagesOutputMode = Exclude<OutputMode, 'json-object'>;

// How each adapter is made: its factory with its own settings, as a user makes it.
const heuristicModel = (): ExtractionModel => createHeuristicModel({});

const openAICompatibleModel = (baseURL: string, outputMode: OutputMode): ExtractionModel =>
  createOpenAICompatibleModel({ baseURL, apiKey: 'sk-test-conformance-123', outputMode });

const anthropicModel = (baseURL: string, outputMode: MessagesOutputMode): ExtractionModel =>
  createAnthropicModel({
    model: 'claude-haiku-4-5',
    baseURL,
    apiKey: 'sk-ant-test-conformance-123',
    outputMode,
  });

const bedrockModel = (baseURL: string): ExtractionModel =>
  createBedrockModel({
    model: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
    region: 'us-east-1',
    baseURL,
    // AWS's documented example keys.
    credential: new BedrockCredential({
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    }),
  });

const mockModel = (): ExtractionModel =>
  createMockExtractionModel({ respond: EXTRACTION_CONFORMANCE_ANSWER });

const servers: Record<'openai' | 'anthropic' | 'bedrock', LlmTestServer | undefined> = {
  openai: undefined,
  anthropic: undefined,
  bedrock: undefined,
};

function url(name: keyof typeof servers): string {
  const server = servers[name];
  if (server === undefined) throw new Error(`The ${name} stand-in is not running.`);
  return server.url;
}

beforeAll(async () => {
  [servers.openai, servers.anthropic, servers.bedrock] = await Promise.all([
    startOpenAIServer(),
    startAnthropicServer(),
    startBedrockServer(),
  ]);
  for (const server of Object.values(servers))
    server?.respondWith(() => ({ kind: 'json', value: EXTRACTION_CONFORMANCE_ANSWER }));
});
afterAll(() => Promise.all(Object.values(servers).map((server) => server?.close())));
// Keys, regions and endpoints of the machine must not reach the SDKs.
beforeEach(() => isolateSdkEnvironment());
afterEach(() => vi.unstubAllEnvs());

runExtractionModelConformance('heuristic', heuristicModel);
runExtractionModelConformance('mock', mockModel);
runExtractionModelConformance('openai-compatible (json-schema)', () =>
  openAICompatibleModel(url('openai'), 'json-schema'),
);
// JSON mode answers in text, which the stage parses: the text path of the contract.
runExtractionModelConformance('openai-compatible (json-object)', () =>
  openAICompatibleModel(url('openai'), 'json-object'),
);
runExtractionModelConformance('openai-compatible (tool)', () => openAICompatibleModel(url('openai'), 'tool'));
runExtractionModelConformance('anthropic (json-schema)', () =>
  anthropicModel(url('anthropic'), 'json-schema'),
);
runExtractionModelConformance('anthropic (tool)', () => anthropicModel(url('anthropic'), 'tool'));
runExtractionModelConformance('bedrock', () => bedrockModel(url('bedrock')));
