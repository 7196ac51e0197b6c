/**
 * Shared setup of the openai-compatible adapter tests: a model pointed at the local server, and a request.
 */
import { OpenAICredential } from '../../../src/credentials.js';
import {
  createOpenAICompatibleModel,
  type OpenAICompatibleModelSettings,
} from '../../../src/llm/openai-compatible/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import type { ExtractionModel, ExtractionRequest } from '../../../src/spec/extraction-model.js';

/** A recognizable fake key: tests check it never shows up in errors. */
export const TEST_KEY = 'sk-test-SECRET-123';

/** An invoice with a required string, a required number, and an optional note. */
export const INVOICE_SCHEMA = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    invoice_number: { type: 'string', minLength: 1 },
    total: { type: 'number' },
    notes: { type: 'string' },
  },
  required: ['invoice_number', 'total'],
} as const satisfies JSONSchema;

/** The openai-compatible model on `baseURL`, with the test key unless `options` says otherwise. */
export function modelAt(baseURL: string, options: OpenAICompatibleModelSettings = {}): ExtractionModel {
  return createOpenAICompatibleModel({
    baseURL,
    credential: new OpenAICredential({ apiKey: TEST_KEY }),
    ...options,
  });
}

/** An extraction request for {@link INVOICE_SCHEMA} over a short text. */
export function invoiceRequest(overrides: Partial<ExtractionRequest> = {}): ExtractionRequest {
  return {
    system: 'You extract structured data from documents.',
    jsonSchema: INVOICE_SCHEMA,
    prompt: 'Extract the data.\n<document>\nInvoice INV-7, total 42.50\n</document>',
    text: 'Invoice INV-7, total 42.50',
    maxTokens: 1000,
    temperature: 0,
    ...overrides,
  };
}
