/**
 * The CLI reuses stage results across invocations by default (`.docpipe/cache`), counted at the
 * fake Textract and OpenAI servers the real SDKs talk to; `docpipe cache stats|clear` show and
 * empty the cache.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from '../support/run-cli.js';
import { DOCUMENT, type FakeProviders, SCHEMA, SECRETS, startFakeProviders } from './fake-providers.js';

const document = fileURLToPath(DOCUMENT);
let providers: FakeProviders;
let directory: string;
beforeAll(async () => {
  providers = await startFakeProviders();
});
afterAll(() => providers.close());
beforeEach(async () => {
  providers.resetCounts();
  directory = await mkdtemp(join(tmpdir(), 'docpipe-cache-cli-'));
  // The providers are found through the variables their SDKs honour, as a user would set them.
  vi.stubEnv('AWS_ENDPOINT_URL_TEXTRACT', providers.textract.endpoint);
  vi.stubEnv('AWS_ACCESS_KEY_ID', SECRETS.awsAccessKeyId);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', SECRETS.awsSecretAccessKey);
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('OPENAI_API_KEY', SECRETS.openaiApiKey);
  vi.stubEnv('OPENAI_BASE_URL', '');
  vi.stubEnv('DOCPIPE_CACHE_DIR', undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const parse = (...options: string[]) => cli('parse', document, '--ocr', 'textract', ...options);

describe('docpipe parse and extract with the cache', () => {
  it('makes no provider call the second time a document is parsed', async () => {
    const first = await parse('--cache-dir', directory);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(providers.calls().ocr).toBe(1);

    providers.resetCounts();
    const second = await parse('--cache-dir', directory);
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toBe(first.stdout);
    expect(providers.calls().ocr).toBe(0);

    const uncached = await parse('--cache-dir', directory, '--no-cache');
    expect(uncached.stdout).toBe(first.stdout);
    expect(providers.calls().ocr).toBe(1);
  });

  it('makes no provider call the second time a document is extracted', async () => {
    const schema = join(directory, 'schema.json');
    await writeFile(schema, JSON.stringify(SCHEMA));
    const extract = () =>
      cli(
        'extract',
        document,
        '--schema',
        schema,
        '--ocr',
        'textract',
        '--llm',
        'openai',
        '--base-url',
        providers.openai.url,
        '--cache-dir',
        join(directory, 'cache'),
        '--json',
      );
    const first = await extract();
    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });

    providers.resetCounts();
    const second = await extract();
    expect(second.code).toBe(0);
    expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
    const result = JSON.parse(second.stdout) as {
      data: unknown;
      timings: Record<string, { cached: boolean }>;
    };
    expect(result.data).toEqual(JSON.parse(first.stdout).data);
    expect(Object.values(result.timings).map((timing) => timing.cached)).toEqual([true, true, true]);
  });

  it('keeps the cache in .docpipe/cache under the current directory, or in DOCPIPE_CACHE_DIR', async () => {
    const cwd = process.cwd();
    process.chdir(directory);
    try {
      await parse();
      expect(existsSync(join(directory, '.docpipe', 'cache', 'docpipe'))).toBe(true);
      expect((await cli('cache', 'stats')).stdout).toMatch(/^2 entries \(.+ MiB\) in \.docpipe\/cache\n$/);

      vi.stubEnv('DOCPIPE_CACHE_DIR', join(directory, 'elsewhere'));
      await parse('--pages', '1');
      expect((await cli('cache', 'stats')).stdout).toContain(`2 entries`);
      expect(existsSync(join(directory, 'elsewhere', 'docpipe'))).toBe(true);
    } finally {
      process.chdir(cwd);
    }
  });
});

describe('docpipe cache', () => {
  it('prints how many entries the cache holds and their size, and clears them', async () => {
    expect(await cli('cache', 'stats', '--cache-dir', directory)).toEqual({
      code: 0,
      stdout: `0 entries (0 MiB) in ${directory}\n`,
      stderr: '',
    });
    await parse('--cache-dir', directory);

    const stats = await cli('cache', 'stats', '--cache-dir', directory);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toMatch(new RegExp(`^2 entries \\(0\\.\\d+ MiB\\) in ${directory}\\n$`));

    const cleared = await cli('cache', 'clear', '--cache-dir', directory);
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toMatch(new RegExp(`^Removed 2 entries \\(0\\.\\d+ MiB\\) from ${directory}\\n$`));
    expect((await cli('cache', 'stats', '--cache-dir', directory)).stdout).toMatch(/^0 entries/);

    providers.resetCounts();
    await parse('--cache-dir', directory);
    expect(providers.calls().ocr).toBe(1);
  });

  it('lists stats and clear in its help, and --cache-dir / --no-cache on the commands that run stages', async () => {
    expect((await cli('cache', '--help')).stdout).toMatch(/stats[\s\S]*clear/);
    for (const command of ['parse', 'extract']) {
      const help = (await cli(command, '--help')).stdout;
      expect(help).toContain('--cache-dir <dir>');
      expect(help).toContain('--no-cache');
    }
  });
});
