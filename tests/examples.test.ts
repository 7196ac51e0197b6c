/**
 * Every example in examples/ runs as a user would run it (`npx tsx examples/<name>.ts`), offline:
 * the ones that need cloud credentials fall back to offline providers, and the Redis one gets a
 * local redis-server.
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { findRedisServer, startRedisServer } from './support/redis-server.js';

const run = promisify(execFile);
const REPO = fileURLToPath(new URL('..', import.meta.url));
const EXAMPLES = (await readdir(new URL('../examples/', import.meta.url)))
  .filter((name) => name.endsWith('.ts'))
  .sort();

// What each example must print, so a silently wrong run does not pass.
const EXPECTED: Readonly<Record<string, RegExp>> = {
  'quick-start.ts': /"invoice_number": "3847193"/,
  'extract-from-text.ts': /"invoice_number": "INV-3337"/,
  'parse-only.ts': /PPR006 +UNIV\. A4 80gsm +25\.86/,
  'dag-pipeline.ts': /"agree": (true|false)/,
  'swap-providers.ts': /OCR: auto, extraction: heuristic/,
  'batch-runs.ts': /v1: changed 0, unchanged 2/,
  'custom-provider.ts': /"invoice_number": "INV-3337"/,
  'redis-cache.ts': /second run: .*from the cache: ocr, parser, llm-extraction/,
};

let redis: Awaited<ReturnType<typeof startRedisServer>> | undefined;
afterAll(() => redis?.stop());

async function runExample(name: string, env: Record<string, string> = {}): Promise<string> {
  const cleanEnv = {
    ...process.env,
    ANTHROPIC_API_KEY: '',
    OPENAI_API_KEY: '',
    OPENAI_BASE_URL: '',
    DOCPIPE_OCR: '',
    DOCPIPE_LLM: '',
  };
  const { stdout } = await run(process.execPath, ['--import', 'tsx', `examples/${name}`], {
    cwd: REPO,
    env: { ...cleanEnv, ...env },
    timeout: 120_000,
  });
  return stdout;
}

describe('examples', () => {
  it('has an expectation for every example', () => {
    expect(EXAMPLES).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(EXAMPLES.filter((name) => name !== 'redis-cache.ts'))(
    '%s runs offline',
    async (name) => {
      expect(await runExample(name)).toMatch(EXPECTED[name] as RegExp);
    },
    180_000,
  );

  const redisAvailable = findRedisServer();
  it.skipIf(!redisAvailable.installed)(
    `redis-cache.ts serves the second run from Redis${redisAvailable.skipNote}`,
    async () => {
      redis = await startRedisServer();
      expect(await runExample('redis-cache.ts', { REDIS_URL: redis.url })).toMatch(
        EXPECTED['redis-cache.ts'] as RegExp,
      );
    },
    180_000,
  );
});
