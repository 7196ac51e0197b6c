import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadDocument } from '../../../src/document/load.js';
import { InputError } from '../../../src/spec/errors.js';
import { SCRIPTED_USAGE } from '../../support/llm-script.js';
import { type OpenAIServer, startOpenAIServer } from '../../support/openai-server.js';
import { INVOICE_SCHEMA, invoiceRequest, modelAt } from './openai-fixtures.js';

const IMAGE = 'tests/fixtures/images/multicol-test-document.png';
const PDF = 'tests/fixtures/documents/reading_order.pdf';

let server: OpenAIServer;

beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

type Body = Record<string, unknown> & { messages: { role: string; content: unknown }[] };

function lastBody(): Body {
  const request = server.requests.at(-1);
  if (request === undefined) throw new Error('The server received no request.');
  return request.body as Body;
}

describe('output modes', () => {
  it("'auto' sends a strict json_schema response format and restores the answer's optional fields", async () => {
    const model = modelAt(server.url);
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5, notes: null } });

    const response = await model.extract(invoiceRequest());

    const body = lastBody();
    expect(body).toMatchObject({ model: 'gpt-4.1-mini', max_tokens: 1000, temperature: 0 });
    expect(body.tools).toBeUndefined();
    expect(body.response_format).toMatchObject({
      type: 'json_schema',
      json_schema: { name: 'extraction', strict: true },
    });
    const schema = (body.response_format as { json_schema: { schema: Record<string, unknown> } }).json_schema
      .schema;
    expect(schema).toMatchObject({
      type: 'object',
      additionalProperties: false,
      required: ['invoice_number', 'total', 'notes'],
      properties: {
        invoice_number: { type: 'string', description: '(minLength: 1)' },
        notes: { anyOf: [{ type: 'string' }, { type: 'null' }] },
      },
    });
    expect(schema).not.toHaveProperty('$schema');
    expect(response).toMatchObject({
      json: { invoice_number: 'INV-7', total: 42.5 },
      text: '{"invoice_number":"INV-7","total":42.5,"notes":null}',
      finishReason: 'stop',
      warnings: [],
    });
    expect(response.json).not.toHaveProperty('notes');
    expect(model.capabilities.structuredOutput).toBe(true);
  });

  it("'json-object' sends JSON mode with the schema in the system message and leaves parsing to the stage", async () => {
    const model = modelAt(server.url, { outputMode: 'json-object' });
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5 } });

    const response = await model.extract(invoiceRequest());

    const body = lastBody();
    expect(body.response_format).toEqual({ type: 'json_object' });
    expect(body.tools).toBeUndefined();
    const system = body.messages[0];
    expect(system?.role).toBe('system');
    expect(system?.content).toContain('You extract structured data from documents.');
    expect(system?.content).toContain(JSON.stringify(INVOICE_SCHEMA));
    expect(response).toMatchObject({
      json: undefined,
      text: '{"invoice_number":"INV-7","total":42.5}',
      finishReason: 'stop',
    });
    expect(model.capabilities.structuredOutput).toBe(false);
  });

  it("'tool' forces one strict function tool and reads its arguments", async () => {
    const model = modelAt(server.url, { outputMode: 'tool' });
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5, notes: null } });

    const response = await model.extract(invoiceRequest());

    const body = lastBody();
    expect(body.response_format).toBeUndefined();
    expect(body.tools).toEqual([
      {
        type: 'function',
        function: expect.objectContaining({
          name: 'extract',
          strict: true,
          parameters: expect.objectContaining({
            additionalProperties: false,
            required: ['invoice_number', 'total', 'notes'],
          }),
        }),
      },
    ]);
    expect(body.tool_choice).toEqual({ type: 'function', function: { name: 'extract' } });
    expect(response).toMatchObject({ json: { invoice_number: 'INV-7', total: 42.5 }, finishReason: 'stop' });
    expect(response.json).not.toHaveProperty('notes');
    expect(model.capabilities.structuredOutput).toBe(false);
  });

  it('an answer that is not JSON is returned as text for the stage to repair', async () => {
    server.script({ kind: 'text', text: 'The invoice number is INV-7.' });
    const response = await modelAt(server.url).extract(invoiceRequest());
    expect(response).toMatchObject({
      json: undefined,
      text: 'The invoice number is INV-7.',
      finishReason: 'stop',
    });
  });
});

describe('messages', () => {
  it('sends the system prompt, the user prompt as text, then each repair as an assistant and a user turn', async () => {
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5 } });
    const request = invoiceRequest({
      repairs: [
        { answer: '{"total": "42.50"}', problem: 'invoice_number is missing; total must be a number.' },
        { answer: 'INV-7', problem: 'The answer is not JSON.' },
      ],
    });

    await modelAt(server.url).extract(request);

    expect(lastBody().messages).toEqual([
      { role: 'system', content: request.system },
      { role: 'user', content: request.prompt },
      { role: 'assistant', content: '{"total": "42.50"}' },
      { role: 'user', content: 'invoice_number is missing; total must be a number.' },
      { role: 'assistant', content: 'INV-7' },
      { role: 'user', content: 'The answer is not JSON.' },
    ]);
  });

  it('attaches a PNG as an image_url data URL after the prompt', async () => {
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5 } });
    const document = await loadDocument(IMAGE);
    const request = invoiceRequest({
      document,
      text: undefined,
      prompt: 'Extract the data. The document is attached.',
    });

    await modelAt(server.url).extract(request);

    const bytes = await readFile(IMAGE);
    expect(lastBody().messages[1]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Extract the data. The document is attached.' },
        {
          type: 'image_url',
          image_url: { url: `data:image/png;base64,${bytes.toString('base64')}`, detail: 'high' },
        },
      ],
    });
  });

  it('attaches a PDF as a file part for an OpenAI model family that reads PDFs', async () => {
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5 } });
    const model = modelAt(server.url, { model: 'gpt-4o-mini' });
    const document = await loadDocument(PDF);

    await model.extract(invoiceRequest({ document, text: undefined }));

    expect(model.capabilities.pdf).toBe(true);
    const content = lastBody().messages[1]?.content as { type: string; file?: Record<string, string> }[];
    const attachment = content[1];
    expect(attachment).toMatchObject({ type: 'file', file: { filename: 'reading_order.pdf' } });
    expect(attachment?.file?.file_data).toMatch(/^data:application\/pdf;base64,JVBERi0/);
  });

  it('refuses a PDF for a model not known to read PDFs, before sending anything', async () => {
    const model = modelAt(server.url, { model: 'llama3.1:8b' });
    const document = await loadDocument(PDF);

    const error = await model.extract(invoiceRequest({ document, text: undefined })).catch((e: unknown) => e);

    expect(model.capabilities.pdf).toBe(false);
    expect(InputError.isInstance(error)).toBe(true);
    expect((error as Error).message).toMatch(
      /reading_order\.pdf is a PDF.*use stages \[Stage\.OCR, Stage\.PARSER, Stage\.LLM_EXTRACTION\]/,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('sends the key as a bearer token', async () => {
    server.script({ kind: 'json', value: {} });
    await modelAt(server.url).extract(invoiceRequest());
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      auth: 'Bearer',
    });
  });
});

describe('answers', () => {
  it('reports uncached input tokens: OpenAI counts cached ones inside prompt_tokens', async () => {
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5 } });
    const response = await modelAt(server.url).extract(invoiceRequest());
    expect(response.usage).toEqual({
      inputTokens: SCRIPTED_USAGE.inputTokens,
      outputTokens: SCRIPTED_USAGE.outputTokens,
      cacheReadTokens: SCRIPTED_USAGE.cacheReadTokens,
      cacheWriteTokens: 0,
    });
    expect(response.raw).toMatchObject({ object: 'chat.completion', choices: [{ finish_reason: 'stop' }] });
  });

  it.each(['json-schema', 'tool'] as const)(
    "a truncated answer in '%s' mode finishes with 'length'",
    async (outputMode) => {
      server.script({ kind: 'truncated', text: '{"invoice_number": "INV-' });
      const response = await modelAt(server.url, { outputMode }).extract(invoiceRequest());
      expect(response).toMatchObject({
        json: undefined,
        text: '{"invoice_number": "INV-',
        finishReason: 'length',
      });
    },
  );

  it("a refusal finishes with 'refusal' and says why", async () => {
    server.script({ kind: 'refusal', text: "I'm sorry, I can't help with that." });
    const response = await modelAt(server.url).extract(invoiceRequest());
    expect(response).toMatchObject({
      json: undefined,
      text: "I'm sorry, I can't help with that.",
      finishReason: 'refusal',
      warnings: [{ code: 'model-refusal', message: expect.stringContaining("I can't help with that") }],
    });
  });

  it("an answer stopped by the content filter finishes with 'refusal'", async () => {
    server.script({ kind: 'content-filter', text: '{"invoice_number": ' });
    const response = await modelAt(server.url).extract(invoiceRequest());
    expect(response).toMatchObject({
      json: undefined,
      finishReason: 'refusal',
      warnings: [{ code: 'content-filter' }],
    });
  });
});

describe('capabilities', () => {
  it.each([
    ['gpt-4.1-mini', 1_047_576],
    ['gpt-4o-2024-08-06', 128_000],
    ['openai/gpt-5-mini', 400_000],
    ['llama3.1:8b', 128_000],
  ])('%s has a context window of %i tokens', (model, contextTokens) => {
    expect(modelAt(server.url, { model }).capabilities.contextTokens).toBe(contextTokens);
  });

  it('reports structured output by output mode, and no prompt caching to mark', () => {
    expect(modelAt(server.url, { model: 'llama3.1:8b', outputMode: 'json-object' }).capabilities).toEqual({
      structuredOutput: false,
      images: true,
      pdf: false,
      contextTokens: 128_000,
      promptCaching: false,
    });
  });

  it('sends a reasoning model (gpt-5) no temperature', async () => {
    server.script({ kind: 'json', value: { invoice_number: 'INV-7', total: 42.5 } });
    await modelAt(server.url, { model: 'gpt-5-mini' }).extract(invoiceRequest());
    expect(lastBody()).not.toHaveProperty('temperature');
  });
});
