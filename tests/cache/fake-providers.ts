/**
 * The cache tests' providers: the real Textract and OpenAI SDKs talking to the local fake servers,
 * so a provider call is a request the server counts. Credentials are recognizable fakes, so the
 * tests can scan the cache for them.
 */
import {
  AwsCredential,
  AzureCredential,
  type CacheSetting,
  LLMExtractionConfig,
  linearPipeline,
  OCRConfig,
  type OcrFeature,
  OpenAICredential,
} from '../../src/index.js';
import type { ScriptedAnswer } from '../support/llm-script.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { replay, startTextractServer, type TextractServer } from '../support/textract-server.js';

/** Fake keys that must never reach a cache entry or key. */
export const SECRETS = {
  awsAccessKeyId: 'AKIDCACHESCANKEY0001',
  awsSecretAccessKey: 'aws-secret-cache-scan-0001',
  openaiApiKey: 'sk-openai-cache-scan-0001',
  azureKey: 'azure-key-cache-scan-0001',
} as const;

/** A scanned page of the Textractor test document, with recorded Textract answers for it. */
export const DOCUMENT = new URL('../fixtures/documents/single-page-1.png', import.meta.url);

export const SCHEMA = {
  type: 'object',
  properties: { title: { type: ['string', 'null'] }, date: { type: ['string', 'null'] } },
  required: ['title', 'date'],
} as const;
const ANSWER: ScriptedAnswer = { kind: 'json', value: { title: 'Textractor Test', date: '08/14/2022' } };

/** The two fake services and how many calls each received. */
export interface FakeProviders {
  readonly textract: TextractServer;
  readonly openai: OpenAIServer;
  /** Requests received by OCR (Textract) and extraction (OpenAI) since the last {@link FakeProviders.resetCounts}. */
  calls(): { ocr: number; llm: number };
  resetCounts(): void;
  close(): Promise<void>;
}

// The OpenAI server plays a queue of answers, one per request: enough are kept queued.
const QUEUED_ANSWERS = 200;

/** Starts both servers, answering every OCR and extraction call. */
export async function startFakeProviders(): Promise<FakeProviders> {
  const [textract, openai] = await Promise.all([startTextractServer(), startOpenAIServer()]);
  textract.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
  textract.answer('AnalyzeDocument', replay('single-page-1.png.AnalyzeDocument.FORMS_TABLES.json'));
  let queued = 0;
  const topUp = () => {
    openai.script(...Array.from({ length: QUEUED_ANSWERS - queued }, () => ANSWER));
    queued = QUEUED_ANSWERS;
  };
  topUp();
  return {
    textract,
    openai,
    calls() {
      if (openai.requests.length >= queued) throw new Error('The fake OpenAI server ran out of answers.');
      return { ocr: textract.requests.length, llm: openai.requests.length };
    },
    resetCounts() {
      queued -= openai.requests.length;
      textract.requests.length = 0;
      openai.requests.length = 0;
      topUp();
    },
    close: async () => {
      await Promise.all([textract.close(), openai.close()]);
    },
  };
}

/** What a test varies between pipelines. */
export interface InvoicePipelineOptions {
  readonly cache: CacheSetting;
  readonly systemPrompt?: string;
  readonly features?: readonly OcrFeature[];
}

/** OCR (Textract) → parser → extraction (OpenAI-compatible), on the fake servers, with the fake keys. */
export function invoicePipeline(providers: FakeProviders, options: InvoicePipelineOptions) {
  return linearPipeline({
    jsonSchema: SCHEMA,
    systemPrompt: options.systemPrompt ?? 'Extract the title and the date.',
    cache: options.cache,
    ocr: new OCRConfig({
      provider: 'textract',
      endpoint: providers.textract.endpoint,
      region: 'us-east-1',
      credential: new AwsCredential({
        accessKeyId: SECRETS.awsAccessKeyId,
        secretAccessKey: SECRETS.awsSecretAccessKey,
      }),
      ...(options.features ? { features: [...options.features] } : {}),
    }),
    llm: new LLMExtractionConfig({
      provider: 'openai-compatible',
      baseURL: providers.openai.url,
      credential: new OpenAICredential({ apiKey: SECRETS.openaiApiKey }),
    }),
  });
}

/** An Azure OCR config with the fake Azure key, for scanning the cache for it. */
export function azureOcrConfig(endpoint: string): OCRConfig {
  return new OCRConfig({
    provider: 'azure',
    endpoint,
    credential: new AzureCredential({ key: SECRETS.azureKey }),
    pollIntervalMs: 5,
  });
}

/** The fake secrets found in `text`. */
export function secretsIn(text: string): string[] {
  return Object.values(SECRETS).filter((secret) => text.includes(secret));
}
