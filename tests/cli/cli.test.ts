import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { cli } from '../support/run-cli.js';

const packageJson = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

async function tempDir() {
  return mkdtemp(join(tmpdir(), 'docpipe-cli-'));
}

const invoiceSchema = {
  type: 'object',
  properties: { invoice_number: { type: 'string' }, total: { type: 'number' } },
  required: ['invoice_number', 'total'],
};

describe('docpipe CLI', () => {
  it('prints its version and help', async () => {
    expect(await cli('--version')).toMatchObject({ code: 0, stdout: `${packageJson.version}\n` });
    const help = await cli('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('extract [options] <file...>');
    const extractHelp = await cli('extract', '--help');
    expect(extractHelp.stdout).toContain('--schema <schema>');
    expect(extractHelp.stdout).toContain('--parser <method>');
  });

  it('exits 2 with usage help when a required option is missing or a value is unknown', async () => {
    const missing = await cli('extract', 'invoice.pdf');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '-s, --schema <schema>' not specified");
    const unknown = await cli('extract', 'invoice.pdf', '--schema', 's.json', '--parser', 'fancy');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('The parser must be one of layout, layout-conserved, plain, markdown.');
  });

  it('exits 1 with one clear sentence when the schema file is missing or not JSON', async () => {
    const dir = await tempDir();
    const missing = await cli('extract', 'invoice.pdf', '--schema', join(dir, 'nope.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^docpipe: Cannot read the schema file .*nope\.json .*check the --schema path\.\n$/,
    );

    await writeFile(join(dir, 'broken.json'), '{ "type": ');
    const broken = await cli('extract', 'invoice.pdf', '--schema', join(dir, 'broken.json'));
    expect(broken.stderr).toContain('is not valid JSON');

    await writeFile(join(dir, 'bad.json'), JSON.stringify({ type: 'objekt' }));
    const invalid = await cli('extract', 'invoice.pdf', '--schema', join(dir, 'bad.json'));
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/^docpipe: .*schema/i);
  });

  it('names a schema module export that does not exist', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'schemas.mjs'), `export const Invoice = ${JSON.stringify(invoiceSchema)};`);
    const result = await cli('extract', 'invoice.pdf', '--schema', `${join(dir, 'schemas.mjs')}#Receipt`);
    expect(result.stderr).toContain("has no export 'Receipt' (its exports: Invoice)");
  });

  it('extracts with the heuristic extractor when no model credentials are set, and says so', async () => {
    for (const name of [
      'ANTHROPIC_API_KEY',
      'AWS_ACCESS_KEY_ID',
      'AWS_PROFILE',
      'AWS_BEARER_TOKEN_BEDROCK',
      'OPENAI_API_KEY',
      'OPENAI_BASE_URL',
    ]) {
      vi.stubEnv(name, '');
    }
    const dir = await tempDir();
    await writeFile(join(dir, 'invoice.json'), JSON.stringify(invoiceSchema));
    const result = await cli(
      'extract',
      'examples/documents/invoice.txt',
      '--schema',
      join(dir, 'invoice.json'),
      '--stages',
      'llm',
      '--no-cache',
    );
    vi.unstubAllEnvs();
    expect(result.stderr).toBe(
      'docpipe: extracting with heuristic (no model credentials are set; choose with --llm).\n',
    );
    expect(JSON.parse(result.stdout)).toEqual({ invoice_number: 'INV-3337', total: 93.5 });
  });

  it('prints the warnings of a run on stderr, one line each, unless they are in the --json output', async () => {
    const scan = 'tests/fixtures/pdfs/geofinder-scanned-form.pdf';
    const parsed = await cli('parse', scan, '--ocr', 'pdf-text', '--pages', '1', '--no-cache');
    expect(parsed.code).toBe(0);
    expect(parsed.stderr).toBe(
      `docpipe: ${scan}: warning: Page 1 came out empty because it has no text layer (it is probably a scan); use the 'tesseract' or 'auto' provider to OCR it. (no-text-layer, stage ocr, page 1)\n`,
    );
    const asJson = await cli('parse', scan, '--ocr', 'pdf-text', '--pages', '1', '--no-cache', '--json');
    expect(asJson.stderr).toBe('');
    expect(JSON.parse(asJson.stdout).warnings).toEqual([expect.objectContaining({ code: 'no-text-layer' })]);

    vi.stubEnv('ANTHROPIC_API_KEY', '');
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const dir = await tempDir();
    const withOrderNumber = {
      type: 'object',
      properties: { ...invoiceSchema.properties, purchase_order: { type: ['string', 'null'] } },
      required: [...invoiceSchema.required, 'purchase_order'],
    };
    await writeFile(join(dir, 'invoice.json'), JSON.stringify(withOrderNumber));
    const text = 'examples/documents/invoice.txt';
    const extracted = await cli(
      'extract',
      text,
      '--schema',
      join(dir, 'invoice.json'),
      '--llm',
      'heuristic',
      '--no-cache',
    );
    vi.unstubAllEnvs();
    expect(extracted.code).toBe(0);
    expect(extracted.stderr).toContain(
      `docpipe: ${text}: warning: The heuristic extractor found no value for /purchase_order. (heuristic-missing, stage llm-extraction)\n`,
    );
  });

  it('says which key is missing for a cloud model, before reading any document', async () => {
    vi.stubEnv('OPENAI_API_KEY', '');
    vi.stubEnv('OPENAI_BASE_URL', '');
    const dir = await tempDir();
    await writeFile(join(dir, 'invoice.json'), JSON.stringify(invoiceSchema));
    const textOnly = await cli(
      'extract',
      'notes.txt',
      '--schema',
      join(dir, 'invoice.json'),
      '--stages',
      'llm',
      '--llm',
      'openai',
    );
    expect(textOnly.code).toBe(1);
    expect(textOnly.stderr).toContain(
      'docpipe: The openai-compatible provider needs an API key for OpenAI: set OPENAI_API_KEY',
    );
    vi.unstubAllEnvs();
  });

  it('parses a digital PDF into text that keeps its rows and columns', async () => {
    const pdf = 'tests/fixtures/documents/reading_order.pdf';
    const result = await cli('parse', pdf, '--ocr', 'pdf-text');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('This is a sample test for the word ordering in Textract.');
    expect(lines.find((line) => line.includes('Field21'))).toMatch(/^ *Field21 +Field22 +Field23$/);

    const plain = await cli('parse', pdf, '--ocr', 'pdf-text', '--parser', 'plain');
    expect(plain.stdout).toContain('Field21');
  });

  it('prints the OCR and parsed documents as JSON, for the pages asked', async () => {
    const result = await cli(
      'parse',
      'tests/fixtures/documents/textractor-multipage-doc.pdf',
      '--ocr',
      'pdf-text',
      '--pages',
      '2',
      '--json',
    );
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      ocr: { pages: { pageNumber: number }[] };
      parsed: { text: string };
    };
    expect(output.ocr.pages.map((page) => page.pageNumber)).toEqual([2]);
    expect(typeof output.parsed.text).toBe('string');
  });

  it('heads each document when parsing several, and fails clearly on a bad one', async () => {
    const pdf = 'tests/fixtures/documents/reading_order.pdf';
    const both = await cli('parse', pdf, pdf, '--ocr', 'pdf-text');
    expect(both.stdout.match(/^==> .*reading_order\.pdf <==$/gm)).toHaveLength(2);
    const missing = await cli('parse', 'nope.pdf', '--ocr', 'pdf-text');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^docpipe: .*nope\.pdf/);
    expect((await cli('parse', pdf, '--pages', '3-1')).stderr).toContain(
      'Pages are numbers from 1 and ranges',
    );
  });

  it('stops local OCR of a page that overruns --page-timeout, naming the page and the flag', async () => {
    const photo = 'tests/fixtures/documents/receipt.jpg';
    const stopped = await cli('parse', photo, '--ocr', 'tesseract', '--no-cache', '--page-timeout', '0.05');
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toMatch(
      /^docpipe: Stage 'ocr' failed: OCR of page 1 took longer than the limit of 0\.05 s per page, so it was stopped; .*--page-timeout/,
    );
    expect((await cli('parse', photo, '--page-timeout', '0')).stderr).toContain(
      'Give a number of seconds above 0',
    );
  });

  it('sets each document limit with the flag its message names', async () => {
    const photo = 'tests/fixtures/documents/receipt.jpg';
    const small = await cli('parse', photo, '--ocr', 'tesseract', '--no-cache', '--max-pixels', '1000');
    expect(small.code).toBe(1);
    expect(small.stderr).toMatch(
      /over the limit of 0\.001 megapixels; raise --max-pixels to load it, or downscale the image\./,
    );
    const pdf = 'tests/fixtures/documents/textractor-multipage-doc.pdf';
    const pages = await cli('parse', pdf, '--ocr', 'pdf-text', '--no-cache', '--max-pages', '1');
    expect(pages.stderr).toContain('raise --max-pages to load it');
    const bytes = await cli('parse', pdf, '--ocr', 'pdf-text', '--no-cache', '--max-bytes', '100');
    expect(bytes.stderr).toContain('raise --max-bytes to load it');
    expect((await cli('parse', pdf, '--max-pages', '0')).stderr).toContain(
      'Give a whole number of at least 1.',
    );
  });

  it('runs as the docpipe bin', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [
      '--import',
      'tsx',
      'src/cli/main.ts',
      '--version',
    ]);
    expect(stdout.trim()).toBe(packageJson.version);
  });
});
