import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, InputError } from '../../../src/index.js';
import { createAzureOcr } from '../../../src/ocr/azure/index.js';
import { resolveParser } from '../../../src/parser/index.js';
import { validateOcrDocument } from '../../../src/testing/index.js';
import { type AzureServer, startAzureServer } from '../../support/azure-server.js';
import { azureSettings, formPhoto, RECORDINGS, type RecordedOperation, recording } from './azure-fixtures.js';

let server: AzureServer;

beforeAll(async () => {
  server = await startAzureServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function counts(operation: RecordedOperation) {
  const { pages, tables = [], keyValuePairs = [] } = operation.analyzeResult;
  return {
    lines: pages.reduce((sum, page) => sum + page.lines.length, 0),
    words: pages.reduce((sum, page) => sum + page.words.length, 0),
    selectionMarks: pages.reduce((sum, page) => sum + (page.selectionMarks?.length ?? 0), 0),
    tables: tables.map((table) => `${table.rowCount}x${table.columnCount}`),
    keyValues: keyValuePairs.length,
  };
}

describe.each([
  { name: 'the markdown layout of a filled-in form', file: RECORDINGS.markdown, apiVersion: '2024-11-30' },
  { name: 'key-value pairs in text format', file: RECORDINGS.keyValues, apiVersion: '2024-11-30' },
  { name: 'a noisy photo', file: RECORDINGS.noisy, apiVersion: '2024-11-30' },
  { name: 'a prebuilt-invoice result', file: RECORDINGS.legacyInvoice, apiVersion: '2023-07-31' },
] as const)('replaying $name (API $apiVersion)', ({ file, apiVersion }) => {
  it('maps every line, word, table, key-value pair and selection mark into a valid OcrDocument', async () => {
    const operation = await recording(file);
    server.script({ result: operation });
    const model = operation.analyzeResult.modelId;
    const ocr = createAzureOcr(azureSettings(server.endpoint, { model, apiVersion }));

    const { document, usage, raw, warnings } = await ocr.recognize(await formPhoto(), {});

    expect(validateOcrDocument(document)).toEqual([]);
    const pages = document.pages;
    const expected = counts(operation);
    expect({
      lines: pages.reduce((sum, page) => sum + page.lines.length, 0),
      words: pages.reduce((sum, page) => sum + page.words, 0),
      selectionMarks: pages.reduce((sum, page) => sum + page.selectionMarks.length, 0),
      tables: pages.flatMap((page) => page.tables.map((table) => `${table.rowCount}x${table.columnCount}`)),
      keyValues: pages.reduce((sum, page) => sum + page.keyValues.length, 0),
    }).toEqual(expected);
    expect(usage).toEqual({ pages: operation.analyzeResult.pages.length, costUsd: 0.01 });
    expect(warnings).toEqual([]);
    expect(raw).toBeDefined();
    expect(server.requests.every((request) => request.authenticated)).toBe(true);
  });
});

describe('createAzureOcr with API 2024-11-30', () => {
  it('names itself after the service and the model', () => {
    const ocr = createAzureOcr(azureSettings(server.endpoint, { model: 'prebuilt-read' }));
    expect(ocr).toMatchObject({
      specificationVersion: 'v1',
      provider: 'azure.document-intelligence',
      modelId: 'prebuilt-read',
    });
    expect(createAzureOcr(azureSettings(server.endpoint)).modelId).toBe('prebuilt-layout');
  });

  it('sends the model, api-version, markdown output, pages and features, and polls until the result', async () => {
    server.script({ result: await recording(RECORDINGS.markdown), runningPolls: 2 });
    const ocr = createAzureOcr(azureSettings(server.endpoint, { features: ['TABLES', 'FORMS'] }));
    const photo = await formPhoto();

    await ocr.recognize(photo, { pages: [5, 1, 2, 3] });

    const [analyze, ...polls] = server.requests;
    expect(analyze).toMatchObject({
      method: 'POST',
      path: '/documentintelligence/documentModels/prebuilt-layout:analyze',
      apiVersion: '2024-11-30',
      query: { outputContentFormat: 'markdown', pages: '1-3,5', features: 'keyValuePairs' },
      body: { base64Source: { bytes: photo.bytes?.byteLength } },
    });
    expect(polls.map((poll) => poll.method)).toEqual(['GET', 'GET', 'GET']);
    expect(polls[0]?.path).toMatch(
      /^\/documentintelligence\/documentModels\/prebuilt-layout\/analyzeResults\/\d+$/,
    );
    const headers = JSON.stringify(server.requests.map((request) => request.headers));
    expect(headers).not.toContain('test-key-not-secret');
  });

  it('asks for text output and the pages recognize is given', async () => {
    server.script({ result: await recording(RECORDINGS.keyValues) });
    const ocr = createAzureOcr(azureSettings(server.endpoint, { outputFormat: 'text' }));

    const { document } = await ocr.recognize(await formPhoto(), { pages: [1] });

    expect(server.requests[0]?.query).toMatchObject({ outputContentFormat: 'text', pages: '1' });
    expect(document.markdown).toBeUndefined();
  });

  it("keeps the service's markdown, which the markdown parser passes through page by page", async () => {
    const operation = await recording(RECORDINGS.markdown);
    server.script({ result: operation });
    const ocr = createAzureOcr(azureSettings(server.endpoint));

    const { document } = await ocr.recognize(await formPhoto(), {});

    expect(document.markdown).toBe(operation.analyzeResult.content);
    const parsed = resolveParser('markdown')(document);
    const pages = operation.analyzeResult.content.split(/\s*<!--\s*PageBreak\s*-->\s*/);
    expect(parsed.pages).toHaveLength(pages.length);
    // Azure's own markdown, its HTML tables written as pipe tables.
    expect(parsed.text).not.toContain('<table>');
    expect(parsed.text).toContain('# 1. Since your last declaration:');
  });

  it('turns paragraph roles into layout blocks, other paragraphs into paragraph blocks', async () => {
    const operation = await recording(RECORDINGS.keyValues);
    server.script({ result: operation });
    const ocr = createAzureOcr(azureSettings(server.endpoint));

    const { document } = await ocr.recognize(await formPhoto(), {});

    const paragraphs = operation.analyzeResult.paragraphs ?? [];
    const layout = document.pages.flatMap((page) => page.layout);
    expect(layout.map((block) => block.role)).toEqual(paragraphs.map((p) => p.role ?? 'paragraph'));
    expect(layout.find((block) => block.role === 'pageHeader')).toBeDefined();
    expect(layout.filter((block) => block.role === 'sectionHeading').length).toBeGreaterThan(0);
  });

  it('leaves selection-mark tokens out of the text, since the parser renders the marks itself', async () => {
    server.script({ result: await recording(RECORDINGS.keyValues) });
    const ocr = createAzureOcr(azureSettings(server.endpoint));

    const { document } = await ocr.recognize(await formPhoto(), {});

    const texts = document.pages.flatMap((page) => [
      ...page.lines.map((line) => line.text),
      ...page.tables.flatMap((table) => table.cells.map((cell) => cell.text)),
      ...page.keyValues.flatMap((pair) => [pair.key, pair.value]),
    ]);
    expect(texts.filter((text) => /:(un)?selected:|[☒☐]/.test(text))).toEqual([]);
  });

  it('marks column-header cells as headers and gives lines the mean confidence of their words', async () => {
    server.script({ result: await recording(RECORDINGS.legacyInvoice) });
    const ocr = createAzureOcr(azureSettings(server.endpoint, { model: 'prebuilt-invoice' }));

    const { document, usage } = await ocr.recognize(await formPhoto(), {});

    const [page] = document.pages;
    expect(page?.unit).toBe('inch');
    expect(page?.tables[0]?.cells.filter((cell) => cell.isHeader).map((cell) => cell.text)).toContain(
      'Invoice Number',
    );
    expect(page?.lines[0]).toMatchObject({ text: 'Contoso', confidence: 1, words: [{ text: 'Contoso' }] });
    expect(page?.keyValues[0]).toMatchObject({
      key: 'Address:',
      value: '1 Redmond way Suite\n6000 Redmond, WA\n99243',
    });
    expect(usage.costUsd).toBe(0.01);
  });

  it('prices pages by model id, with OCRConfig.pricePerPage winning', async () => {
    server.script({ result: await recording(RECORDINGS.noisy) });
    const ocr = createAzureOcr(
      azureSettings(server.endpoint, { model: 'my-custom-model', pricePerPage: { 'my-custom-model': 0.05 } }),
    );

    const { usage } = await ocr.recognize(await formPhoto(), {});

    expect(usage).toEqual({ pages: 1, costUsd: 0.05 });
  });

  it('warns about features Azure has no counterpart for', async () => {
    server.script({ result: await recording(RECORDINGS.noisy) });
    const ocr = createAzureOcr(azureSettings(server.endpoint, { features: ['SIGNATURES'] }));

    const { warnings } = await ocr.recognize(await formPhoto(), {});

    expect(warnings).toEqual([expect.objectContaining({ code: 'unsupported-feature' })]);
  });
});

describe('createAzureOcr with API 2023-07-31 (the legacy client)', () => {
  it('sends the document bytes to the formrecognizer route without markdown output', async () => {
    server.script({ result: await recording(RECORDINGS.legacyInvoice) });
    const ocr = createAzureOcr(
      azureSettings(server.endpoint, { apiVersion: '2023-07-31', model: 'prebuilt-invoice' }),
    );
    const photo = await formPhoto();

    const { document } = await ocr.recognize(photo, { pages: [1] });

    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/formrecognizer/documentModels/prebuilt-invoice:analyze',
      apiVersion: '2023-07-31',
      query: { pages: '1' },
      body: { bytes: photo.bytes?.byteLength },
      authenticated: true,
    });
    expect(server.requests[0]?.query.outputContentFormat).toBeUndefined();
    expect(document.markdown).toBeUndefined();
  });
});

const ENV_NAMES = ['AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT', 'AZURE_DOCUMENT_INTELLIGENCE_KEY'] as const;

function withEnv(values: Partial<Record<(typeof ENV_NAMES)[number], string>>, run: () => void): void {
  const saved = ENV_NAMES.map((name) => [name, process.env[name]] as const);
  for (const name of ENV_NAMES) {
    if (values[name] === undefined) delete process.env[name];
    else process.env[name] = values[name];
  }
  try {
    run();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('createAzureOcr configuration', () => {
  it('reads the endpoint and key from the environment', () => {
    withEnv(
      { AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT: server.endpoint, AZURE_DOCUMENT_INTELLIGENCE_KEY: 'from-env' },
      () => {
        const config = azureSettings(server.endpoint, { endpoint: undefined, credential: undefined });
        expect(createAzureOcr(config).provider).toBe('azure.document-intelligence');
      },
    );
  });

  it('names the environment variables when the endpoint or the key is missing', () => {
    withEnv({}, () => {
      expect(() => createAzureOcr(azureSettings(server.endpoint, { endpoint: undefined }))).toThrow(
        /AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT/,
      );
      const noKey = () => createAzureOcr(azureSettings(server.endpoint, { credential: undefined }));
      expect(noKey).toThrow(ConfigError);
      expect(noKey).toThrow(/AZURE_DOCUMENT_INTELLIGENCE_KEY/);
    });
  });

  it('rejects formats the service cannot read before sending anything', async () => {
    const ocr = createAzureOcr(azureSettings(server.endpoint));
    const gif = { id: 'x', name: 'anim.gif', mediaType: 'image/gif', bytes: new Uint8Array(8) } as const;

    await expect(ocr.recognize(gif, {})).rejects.toThrow(InputError);
    await expect(ocr.recognize(gif, {})).rejects.toThrow(/convert it to PDF/);
    expect(server.requests).toEqual([]);
  });

  it('rejects documents over the 2000-page limit', async () => {
    const ocr = createAzureOcr(azureSettings(server.endpoint));
    const pdf = {
      id: 'x',
      name: 'huge.pdf',
      mediaType: 'application/pdf',
      bytes: new Uint8Array(8),
      pageCount: 2001,
    } as const;

    await expect(ocr.recognize(pdf, {})).rejects.toThrow(/2000-page limit/);
  });
});
