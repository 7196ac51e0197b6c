/**
 * What the Anthropic and Bedrock adapter tests share: a schema, a request, documents, and a stable
 * environment (no real keys, regions or endpoints leaking in from the machine).
 */
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import type { LoadedDocument } from '../../../src/spec/document.js';
import type { ExtractionRequest } from '../../../src/spec/extraction-model.js';

/** An invoice schema with keywords structured output does not take (`minLength`, `minimum`). */
export const INVOICE_SCHEMA: JSONSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties: {
    invoice_number: { type: 'string', minLength: 1 },
    total: { type: 'number', minimum: 0 },
    lines: {
      type: 'array',
      items: { type: 'object', properties: { description: { type: 'string' }, amount: { type: 'number' } } },
    },
  },
  required: ['invoice_number', 'total'],
};

/** An answer valid for {@link INVOICE_SCHEMA}. */
export const INVOICE = {
  invoice_number: 'INV-1',
  total: 42.5,
  lines: [{ description: 'Widget', amount: 42.5 }],
};

/** The user turn every test request sends. */
export const PROMPT =
  'Extract the invoice from the document below.\n<document>Invoice INV-1, total 42.50</document>';

/** A request for {@link INVOICE_SCHEMA}, with `overrides`. */
export function invoiceRequest(overrides: Partial<ExtractionRequest> = {}): ExtractionRequest {
  return {
    system: 'You extract data from documents.',
    jsonSchema: INVOICE_SCHEMA,
    prompt: PROMPT,
    maxTokens: 1024,
    temperature: 0,
    ...overrides,
  };
}

const fixture = (path: string) => fileURLToPath(new URL(`../../fixtures/${path}`, import.meta.url));

/** A small real PDF. */
export const pdfDocument = (): Promise<LoadedDocument> =>
  loadDocument(fixture('documents/reading_order.pdf'));

/** A small real PNG. */
export const pngDocument = (): Promise<LoadedDocument> =>
  loadDocument(fixture('images/multicol-test-document.png'));

/** The base64 of a document's bytes, as a request carries it. */
export function base64Of(document: LoadedDocument): string {
  return Buffer.from(document.bytes ?? new Uint8Array()).toString('base64');
}

// Everything the two SDKs read from the environment that could change what a test sees.
const SDK_ENVIRONMENT = [
  'ANTHROPIC_API_KEY',
  'ANTHROPIC_AUTH_TOKEN',
  'ANTHROPIC_BASE_URL',
  'ANTHROPIC_BEDROCK_BASE_URL',
  'ANTHROPIC_CUSTOM_HEADERS',
  'AWS_BEARER_TOKEN_BEDROCK',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
];

/** Clears the SDKs' environment variables for one test; `vi.unstubAllEnvs()` restores them. */
export function isolateSdkEnvironment(): void {
  for (const name of SDK_ENVIRONMENT) vi.stubEnv(name, undefined);
}

/** The rejection of `promise`, or a failure if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('Expected the promise to reject.');
    },
    (error: unknown) => error,
  );
}
