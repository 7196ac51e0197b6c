/**
 * The scenarios every Messages API adapter (Anthropic, Bedrock) must pass, run against its local
 * stand-in through the real SDK: requests as the API expects them, answers, finish reasons, usage
 * and failures.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnthropicModelSettings } from '../../../src/llm/anthropic/index.js';
import type { JSONSchema } from '../../../src/schema/index.js';
import { ProviderError } from '../../../src/spec/errors.js';
import type { ExtractionModel } from '../../../src/spec/extraction-model.js';

/** The settings both Claude adapters share. */
export type MessagesSettings = Omit<AnthropicModelSettings, 'apiKey' | 'credential'>;

import { type LlmTestServer, SCRIPTED_USAGE, slowAnswer } from '../../support/llm-script.js';
import {
  base64Of,
  INVOICE,
  INVOICE_SCHEMA,
  invoiceRequest,
  isolateSdkEnvironment,
  PROMPT,
  pdfDocument,
  pngDocument,
  rejectionOf,
} from './messages-fixtures.js';

/** How to run the scenarios for one adapter. */
export interface MessagesHarness {
  readonly provider: string;
  startServer(): Promise<LlmTestServer>;
  /** The adapter under test, talking to `server`, with its test credential. */
  createModel(server: LlmTestServer, options?: MessagesSettings): ExtractionModel;
  /** Secrets of the test credential, which must never show in an error. */
  readonly secrets: readonly string[];
  /** A model id with structured output, and one without. */
  readonly models: { readonly structured: string; readonly legacy: string };
}

type Body = Record<string, unknown> & {
  system?: { type: string; text: string; cache_control?: unknown }[];
  messages: { role: string; content: string | Record<string, unknown>[] }[];
  output_config?: { format: { type: string; schema: Record<string, unknown> } };
  tools?: { name: string; input_schema: Record<string, unknown> }[];
  tool_choice?: unknown;
};

/** Declares the shared scenarios for `harness`. */
export function describeMessagesAdapter(harness: MessagesHarness): void {
  describe(`the ${harness.provider} adapter against its stand-in`, () => {
    let server: LlmTestServer;
    const lastBody = () => server.requests.at(-1)?.body as Body;
    const model = (options?: MessagesSettings) => harness.createModel(server, options);

    beforeAll(async () => {
      server = await harness.startServer();
    });
    afterAll(() => server.close());
    beforeEach(() => isolateSdkEnvironment());
    afterEach(() => vi.unstubAllEnvs());

    async function failure(options?: MessagesSettings): Promise<ProviderError> {
      const error = await rejectionOf(model(options).extract(invoiceRequest()));
      expect(ProviderError.isInstance(error)).toBe(true);
      const shown = `${(error as Error).message} ${JSON.stringify(error)}`;
      for (const secret of harness.secrets) expect(shown).not.toContain(secret);
      expect((error as ProviderError).provider).toBe(harness.provider);
      return error as ProviderError;
    }

    it('answers in json-schema mode with the parsed answer and its text', async () => {
      server.script({ kind: 'json', value: INVOICE });
      const response = await model({ outputMode: 'json-schema' }).extract(invoiceRequest());
      expect(response).toMatchObject({
        json: INVOICE,
        text: JSON.stringify(INVOICE),
        finishReason: 'stop',
      });
      const body = lastBody();
      expect(body.output_config?.format).toMatchObject({
        type: 'json_schema',
        schema: { type: 'object', additionalProperties: false, required: ['invoice_number', 'total'] },
      });
      const schema = body.output_config?.format.schema as {
        properties: Record<string, Record<string, unknown>>;
      };
      expect(schema.properties.total).toEqual({ type: 'number', description: '(minimum: 0)' });
      expect(body.tools).toBeUndefined();
      expect(body.system).toEqual([
        { type: 'text', text: 'You extract data from documents.', cache_control: { type: 'ephemeral' } },
      ]);
      expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: PROMPT }] }]);
      expect(body).toMatchObject({ max_tokens: 1024 });
      expect(body).not.toHaveProperty('temperature');
    });

    it('leaves a structured answer that is not JSON for the stage to parse and repair', async () => {
      server.script({ kind: 'text', text: 'Sorry, {not json' });
      const response = await model({ outputMode: 'json-schema' }).extract(invoiceRequest());
      expect(response).toMatchObject({ json: undefined, text: 'Sorry, {not json', finishReason: 'stop' });
    });

    it('sends a record as entries in json-schema mode and answers with the record', async () => {
      const byTaxRate: JSONSchema = { type: 'object', additionalProperties: { type: 'number' } };
      const jsonSchema = { ...INVOICE_SCHEMA, properties: { ...INVOICE_SCHEMA.properties, byTaxRate } };
      server.script({ kind: 'json', value: { ...INVOICE, byTaxRate: [{ key: '20%', value: 7.08 }] } });
      const response = await model({ outputMode: 'json-schema' }).extract(invoiceRequest({ jsonSchema }));
      expect(response.json).toEqual({ ...INVOICE, byTaxRate: { '20%': 7.08 } });
      const schema = lastBody().output_config?.format.schema as { properties: Record<string, unknown> };
      expect(schema.properties.byTaxRate).toMatchObject({
        type: 'array',
        items: { properties: { key: { type: 'string' }, value: { type: 'number' } } },
      });
    });

    it('answers in tool mode with the tool input as JSON', async () => {
      server.script({ kind: 'json', value: INVOICE });
      const response = await model({ outputMode: 'tool' }).extract(invoiceRequest());
      expect(response).toMatchObject({ json: INVOICE, text: JSON.stringify(INVOICE), finishReason: 'stop' });
      const body = lastBody();
      expect(body.output_config).toBeUndefined();
      expect(body.tools).toHaveLength(1);
      expect(body.tools?.[0]).toMatchObject({
        name: 'extract',
        input_schema: {
          type: 'object',
          additionalProperties: false,
          properties: { total: { type: 'number', minimum: 0 } },
        },
      });
      expect(body.tool_choice).toEqual({ type: 'tool', name: 'extract' });
    });

    it('auto uses structured output on models that have it and a tool call on older ones', async () => {
      server.script({ kind: 'json', value: INVOICE }, { kind: 'json', value: INVOICE });
      const structured = model({ model: harness.models.structured });
      expect(structured.capabilities.structuredOutput).toBe(true);
      await structured.extract(invoiceRequest());
      expect(lastBody().output_config).toBeDefined();
      const legacy = model({ model: harness.models.legacy });
      expect(legacy.capabilities.structuredOutput).toBe(false);
      expect(await legacy.extract(invoiceRequest())).toMatchObject({ json: INVOICE });
      expect(lastBody().tools).toBeDefined();
    });

    it('leaves the cache marker out when prompt caching is off', async () => {
      server.script({ kind: 'json', value: INVOICE });
      await model({ promptCaching: false }).extract(invoiceRequest());
      expect(lastBody().system).toEqual([{ type: 'text', text: 'You extract data from documents.' }]);
    });

    it('sends each repair as the rejected answer and the problem, after the prompt', async () => {
      server.script({ kind: 'json', value: INVOICE });
      const repairs = [
        { answer: '{"total": "42"}', problem: 'total must be a number; answer again.' },
        { answer: '', problem: 'That was empty; answer with the JSON.' },
      ];
      await model().extract(invoiceRequest({ repairs }));
      expect(lastBody().messages).toEqual([
        { role: 'user', content: [{ type: 'text', text: PROMPT }] },
        { role: 'assistant', content: '{"total": "42"}' },
        { role: 'user', content: 'total must be a number; answer again.' },
        { role: 'assistant', content: '(no answer)' },
        { role: 'user', content: 'That was empty; answer with the JSON.' },
      ]);
    });

    it('attaches a PDF as a document block before the prompt', async () => {
      const pdf = await pdfDocument();
      server.script({ kind: 'json', value: INVOICE });
      await model().extract(invoiceRequest({ document: pdf }));
      expect(lastBody().messages[0]?.content).toEqual([
        { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: base64Of(pdf) } },
        { type: 'text', text: PROMPT },
      ]);
    });

    it('attaches a PNG as an image block before the prompt', async () => {
      const png = await pngDocument();
      server.script({ kind: 'json', value: INVOICE });
      await model().extract(invoiceRequest({ document: png }));
      expect(lastBody().messages[0]?.content).toEqual([
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: base64Of(png) } },
        { type: 'text', text: PROMPT },
      ]);
    });

    it('reports the tokens, with cache reads and writes apart', async () => {
      server.script({ kind: 'json', value: INVOICE });
      const { usage, raw } = await model().extract(invoiceRequest());
      expect(usage).toEqual({
        inputTokens: SCRIPTED_USAGE.inputTokens,
        outputTokens: SCRIPTED_USAGE.outputTokens,
        cacheReadTokens: SCRIPTED_USAGE.cacheReadTokens,
        cacheWriteTokens: SCRIPTED_USAGE.cacheWriteTokens,
      });
      expect(raw).toMatchObject({ type: 'message', role: 'assistant' });
    });

    it('sends a large maxTokens without streaming, which the SDK allows only with an explicit timeout', async () => {
      server.script({ kind: 'json', value: INVOICE });
      await model().extract(invoiceRequest({ maxTokens: 64_000 }));
      expect(lastBody()).toMatchObject({ max_tokens: 64_000 });
    });

    it('says that a temperature other than 0 is not sent', async () => {
      server.script({ kind: 'json', value: INVOICE });
      const { warnings } = await model().extract(invoiceRequest({ temperature: 0.7 }));
      expect(warnings).toEqual([expect.objectContaining({ code: 'temperature-ignored' })]);
      expect(lastBody()).not.toHaveProperty('temperature');
    });

    it('finishes with length when the model hit max_tokens', async () => {
      server.script({ kind: 'truncated', text: '{"invoice_number": "INV' });
      const response = await model().extract(invoiceRequest());
      expect(response).toMatchObject({ finishReason: 'length', text: '{"invoice_number": "INV' });
    });

    it('finishes with refusal when the model declined', async () => {
      server.script({ kind: 'refusal', text: 'I cannot help with that.' });
      const response = await model({ outputMode: 'tool' }).extract(invoiceRequest());
      expect(response).toMatchObject({
        finishReason: 'refusal',
        json: undefined,
        text: 'I cannot help with that.',
      });
    });

    it('a 429 is retryable after the Retry-After the service asked for', async () => {
      server.script({ kind: 'status', status: 429, retryAfterSeconds: 7 });
      expect(await failure()).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
    });

    it('an overloaded service is retryable', async () => {
      server.script({ kind: 'status', status: 529 });
      expect(await failure()).toMatchObject({ retryable: true });
    });

    it('a 500 is retryable', async () => {
      server.script({ kind: 'status', status: 500 });
      expect(await failure()).toMatchObject({ status: 500, retryable: true });
    });

    it('an answer slower than timeoutMs is a retryable timeout', async () => {
      server.script(slowAnswer(2000, { kind: 'json', value: INVOICE }));
      const started = Date.now();
      const error = await failure({ timeoutMs: 300 });
      expect(error).toMatchObject({ retryable: true });
      expect(error.message).toMatch(/did not answer in time/);
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('a 401 is permanent and never shows the credential', async () => {
      server.script({ kind: 'status', status: 401 });
      const error = await failure();
      expect(error).toMatchObject({ status: 401, retryable: false });
      expect(error.message).toMatch(/HTTP 401.*Check the/s);
    });

    it('an abort rejects with the caller reason', async () => {
      server.script(slowAnswer(2000, { kind: 'json', value: INVOICE }));
      const controller = new AbortController();
      const reason = new Error('stopped by the caller');
      setTimeout(() => controller.abort(reason), 50);
      const error = await rejectionOf(model().extract(invoiceRequest({ signal: controller.signal })));
      expect(error).toBe(reason);
    });

    it('rejects an image type Claude does not read before calling the service', async () => {
      const calls = server.requests.length;
      const tiff = { ...(await pngDocument()), name: 'scan.tiff', mediaType: 'image/tiff' as const };
      const error = await rejectionOf(model().extract(invoiceRequest({ document: tiff })));
      expect(error).toMatchObject({ name: 'InputError' });
      expect((error as Error).message).toMatch(
        /scan\.tiff is image\/tiff.*use stages \[Stage\.OCR, Stage\.PARSER, Stage\.LLM_EXTRACTION\]/,
      );
      expect(server.requests).toHaveLength(calls);
    });
  });
}
