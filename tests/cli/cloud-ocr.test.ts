import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RECORDINGS, recording } from '../ocr/azure/azure-fixtures.js';
import { type AzureServer, startAzureServer, TEST_AZURE_KEY } from '../support/azure-server.js';
import { cli } from '../support/run-cli.js';
import { replay, startTextractServer, type TextractServer } from '../support/textract-server.js';

// The cloud providers are found through the variables their SDKs honour, as a user would set them.
const VARIABLES = [
  'AWS_ENDPOINT_URL_TEXTRACT',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_REGION',
  'AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT',
  'AZURE_DOCUMENT_INTELLIGENCE_KEY',
] as const;
const saved = Object.fromEntries(VARIABLES.map((name) => [name, process.env[name]]));

let textract: TextractServer;
let azure: AzureServer;
beforeAll(async () => {
  [textract, azure] = await Promise.all([startTextractServer(), startAzureServer()]);
});
afterAll(() => Promise.all([textract.close(), azure.close()]));
afterEach(() => {
  for (const name of VARIABLES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('docpipe parse with cloud OCR on local endpoints', () => {
  it('reads a page with --ocr textract', async () => {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_TEXTRACT: textract.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'us-east-1',
    });
    textract.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
    const result = await cli('parse', 'tests/fixtures/documents/single-page-1.png', '--ocr', 'textract');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Textractor');
    expect(textract.requests.map((request) => request.api)).toEqual(['DetectDocumentText']);
  });

  it('reads a form photo with --ocr azure, keeping its tables in markdown', async () => {
    Object.assign(process.env, {
      AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT: azure.endpoint,
      AZURE_DOCUMENT_INTELLIGENCE_KEY: TEST_AZURE_KEY,
    });
    azure.script({ result: await recording(RECORDINGS.markdown) });
    const result = await cli(
      'parse',
      'tests/fixtures/azure-di/bcgov-hr0081/1_81.jpg',
      '--ocr',
      'azure',
      '--parser',
      'markdown',
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Azure writes its tables as HTML; markdown output has them as pipe tables.
    expect(result.stdout).not.toContain('<table>');
    expect(result.stdout).toContain('| Are you still in need of assistance? | ☒ Yes ☐ No |\n|---|---|');
  });

  it('says which variables to set when the Azure endpoint is missing', async () => {
    delete process.env.AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT;
    const result = await cli('parse', 'tests/fixtures/azure-di/bcgov-hr0081/1_81.jpg', '--ocr', 'azure');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('AZURE_DOCUMENT_INTELLIGENCE_ENDPOINT');
  });
});
