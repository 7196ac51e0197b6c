/**
 * No secret from the environment ever reaches an artifact, a log line or an error: `docpipe batch`
 * runs over fixture PDFs against a local model server, with fake keys for every provider in the
 * environment and one document failing with a 401 (whose body, as some proxies do, echoes the key
 * it was sent), and then every file the batch wrote and everything it printed is searched for them.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAnthropicServer } from '../support/anthropic-server.js';
import type { LlmTestServer, ScriptedAnswer } from '../support/llm-script.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { cli } from '../support/run-cli.js';

// Recognizable, and shaped like no real key, so that only docpipe's knowledge of its own secrets (not a
// key-shaped pattern) can keep them out.
const SECRETS = {
  ANTHROPIC_API_KEY: 'SECRETanthropic4b1f6e0c9d',
  OPENAI_API_KEY: 'SECRETopenai7c2e9a13f8',
  AWS_SECRET_ACCESS_KEY: 'SECRETawsaccess5d8b2f71c4',
  AWS_SESSION_TOKEN: 'SECRETawssession9e3a6c08b2',
  AZURE_DOCUMENT_INTELLIGENCE_KEY: 'SECRETazure1f7d4b9e6a',
} as const;

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));
const DOCUMENTS = [
  join(FIXTURES, 'pdfs', 'contoso-invoice-1.pdf'),
  join(FIXTURES, 'documents', 'reading_order.pdf'),
];
const schema = {
  type: 'object',
  properties: { invoice_number: { type: ['string', 'null'] }, total: { type: ['number', 'null'] } },
  required: ['invoice_number', 'total'],
};
const ANSWER: ScriptedAnswer = { kind: 'json', value: { invoice_number: 'INV-100', total: 110 } };
const UNAUTHORIZED: ScriptedAnswer = { kind: 'status', status: 401 };

let openai: OpenAIServer;
let anthropic: LlmTestServer;
beforeAll(async () => {
  [openai, anthropic] = await Promise.all([startOpenAIServer(), startAnthropicServer()]);
});
afterAll(() => Promise.all([openai.close(), anthropic.close()]));

/** Everything written to the process's own stdout, stderr and console while a test runs. */
let printed: string[] = [];
beforeEach(() => {
  for (const [name, value] of Object.entries(SECRETS)) vi.stubEnv(name, value);
  printed = [];
  const capture = (...args: unknown[]) => {
    printed.push(args.map((arg) => (typeof arg === 'string' ? arg : String(arg))).join(' '));
  };
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: never[]) => {
      capture(Buffer.isBuffer(chunk) ? chunk.toString('utf8') : chunk);
      return write(chunk as string, ...rest);
    }) as typeof stream.write);
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation(capture);
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Each file under `dir`, with its contents. */
async function filesUnder(dir: string): Promise<{ path: string; content: Buffer }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  return Promise.all(files.map(async (path) => ({ path, content: await readFile(path) })));
}

/** The secrets found in `text`, as they are or base64-encoded (as a cache or a request dump would hold them). */
function secretsIn(text: string): string[] {
  return Object.entries(SECRETS).flatMap(([name, value]) =>
    text.includes(value) || text.includes(Buffer.from(value).toString('base64')) ? [name] : [],
  );
}

describe('a batch with keys in the environment', () => {
  it.each([
    {
      provider: 'openai',
      server: () => openai,
      // The document is recognized by its text, so the answer does not depend on the order of the calls.
      script: () =>
        openai.respondWith((body) => (/contoso/i.test(JSON.stringify(body)) ? UNAUTHORIZED : ANSWER)),
      output: ['--json'],
      // Both servers echo the key they were sent in their 401, as some proxies do.
      failure: /HTTP 401: Incorrect API key provided: \[redacted\]/,
    },
    {
      provider: 'anthropic',
      server: () => anthropic,
      script: () => anthropic.script(UNAUTHORIZED, ANSWER),
      output: [],
      failure: /HTTP 401: Invalid key: \[redacted\]/,
    },
  ])(
    'writes and prints no secret, not even from a failed $provider call',
    async ({ provider, server, script, output, failure }) => {
      const dir = await mkdtemp(join(tmpdir(), 'docpipe-secrets-'));
      await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));
      script();
      const result = await cli(
        'batch',
        ...DOCUMENTS,
        '--name',
        'secrets',
        '--schema',
        join(dir, 'schema.json'),
        '--ocr',
        'pdf-text',
        '--llm',
        provider,
        '--base-url',
        server().url,
        '--concurrency',
        '1',
        '--runs-dir',
        join(dir, 'runs'),
        '--cache-dir',
        join(dir, 'cache'),
        ...output,
      );

      // The keys were in play: sent with every call, and one call failed on one.
      expect(server().requests.length).toBeGreaterThanOrEqual(2);
      expect(server().requests.every((request) => request.auth !== undefined)).toBe(true);
      expect(result.code).toBe(1);
      const version = join(dir, 'runs', 'secrets', 'v0');
      const errors = JSON.parse(await readFile(join(version, 'errors.json'), 'utf8')) as {
        code: string;
        message: string;
      }[];
      expect(errors).toEqual([
        expect.objectContaining({ code: 'provider', message: expect.stringMatching(failure) }),
      ]);

      const written = [...(await filesUnder(join(dir, 'runs'))), ...(await filesUnder(join(dir, 'cache')))];
      const paths = written.map((file) => file.path);
      for (const name of [
        'metadata.json',
        'errors.json',
        'results.json',
        'error.json',
        'result.json',
        'prompt.md',
      ]) {
        expect(paths.some((path) => path.endsWith(name))).toBe(true);
      }
      expect(paths.some((path) => path.startsWith(join(dir, 'cache')))).toBe(true);
      for (const file of written) {
        expect(secretsIn(file.content.toString('utf8')), file.path).toEqual([]);
      }
      expect(secretsIn(result.stdout), 'stdout').toEqual([]);
      expect(secretsIn(result.stderr), 'stderr').toEqual([]);
      expect(secretsIn(printed.join('\n')), 'the console').toEqual([]);
    },
  );
});
