/**
 * What the cache saves, counted where it is paid: requests at the fake Textract and OpenAI
 * servers, made by the real SDKs.
 */
import { mkdtemp, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CacheConfig, type CacheSetting, diskCache, linearPipeline, Stage } from '../../src/index.js';
import { RECORDINGS, recording } from '../ocr/azure/azure-fixtures.js';
import { type AzureServer, startAzureServer } from '../support/azure-server.js';
import {
  azureOcrConfig,
  DOCUMENT,
  type FakeProviders,
  invoicePipeline,
  secretsIn,
  startFakeProviders,
} from './fake-providers.js';

let providers: FakeProviders;
let directory: string;
beforeAll(async () => {
  providers = await startFakeProviders();
});
afterAll(() => providers.close());
beforeEach(async () => {
  providers.resetCounts();
  directory = await mkdtemp(join(tmpdir(), 'docpipe-cache-'));
});

const STORES: readonly { readonly name: string; readonly store: () => CacheSetting }[] = [
  { name: 'in memory', store: () => new CacheConfig({ store: new Keyv() }) },
  { name: 'on disk', store: () => diskCache({ directory }) },
];

describe.each(STORES)('a cache $name', ({ store }) => {
  it('asks the provider again with refresh, and later runs reuse the new answer', async () => {
    const shared = store();
    const { store: keyv, namespace } =
      shared instanceof CacheConfig ? shared : new CacheConfig({ store: shared as Keyv });
    await invoicePipeline(providers, { cache: shared }).run(DOCUMENT);
    providers.resetCounts();
    const refreshing = new CacheConfig({ ...(keyv ? { store: keyv } : {}), namespace, refresh: true });
    const again = await invoicePipeline(providers, { cache: refreshing }).run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });
    expect(Object.values(again.timings).map((timing) => timing.cached)).toEqual([false, false, false]);
    providers.resetCounts();
    await invoicePipeline(providers, { cache: shared }).run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
  });

  it('serves a second run of the same document without a provider call, and says so', async () => {
    const pipeline = invoicePipeline(providers, { cache: store() });
    const first = await pipeline.run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });
    expect(Object.values(first.timings).map((timing) => timing.cached)).toEqual([false, false, false]);

    const hits: string[] = [];
    const finishes: [string, boolean][] = [];
    pipeline.on('stage:cache-hit', ({ stageId, key }) => {
      expect(key).toMatch(/^[0-9a-f]{64}$/);
      hits.push(stageId);
    });
    pipeline.on('stage:finish', ({ stageId, cached }) => finishes.push([stageId, cached]));
    providers.resetCounts();
    const second = await pipeline.run(DOCUMENT);

    expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
    expect(second.data).toEqual(first.data);
    expect(second.stages).toEqual(first.stages);
    expect(second.timings).toMatchObject({
      ocr: { cached: true, attempts: 0 },
      parser: { cached: true, attempts: 0 },
      'llm-extraction': { cached: true, attempts: 0 },
    });
    expect(second.usage).toMatchObject({ calls: 0, pages: 0, inputTokens: 0, costUsd: 0 });
    expect(hits).toEqual(['ocr', 'parser', 'llm-extraction']);
    expect(finishes).toEqual([
      ['ocr', true],
      ['parser', true],
      ['llm-extraction', true],
    ]);
  });

  it('re-runs only the extraction when the prompt changes', async () => {
    const cache = store();
    await invoicePipeline(providers, { cache, systemPrompt: 'Extract the title.' }).run(DOCUMENT);
    providers.resetCounts();
    const result = await invoicePipeline(providers, {
      cache,
      systemPrompt: 'Extract the title and date.',
    }).run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 0, llm: 1 });
    expect(result.timings).toMatchObject({
      ocr: { cached: true },
      parser: { cached: true },
      'llm-extraction': { cached: false },
    });
  });

  it('re-runs OCR and everything after it when the OCR features change', async () => {
    const cache = store();
    await invoicePipeline(providers, { cache }).run(DOCUMENT);
    providers.resetCounts();
    const result = await invoicePipeline(providers, { cache, features: ['FORMS', 'TABLES'] }).run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });
    expect(providers.textract.requests.map((request) => request.api)).toEqual(['AnalyzeDocument']);
    expect(Object.values(result.timings).map((timing) => timing.cached)).toEqual([false, false, false]);
  });

  it('re-runs nothing in a second pipeline built the same way on the same store', async () => {
    const cache = store();
    await invoicePipeline(providers, { cache }).run(DOCUMENT);
    providers.resetCounts();
    await invoicePipeline(providers, { cache }).run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
  });

  it('makes one call per stage for 10 concurrent runs of one new document', async () => {
    const pipeline = invoicePipeline(providers, { cache: store() });
    const results = await Promise.all(Array.from({ length: 10 }, () => pipeline.run(DOCUMENT)));
    expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });
    expect(new Set(results.map((result) => JSON.stringify(result.data))).size).toBe(1);
    // One run paid; the nine others shared its result.
    expect(results.filter((result) => !result.timings.ocr?.cached)).toHaveLength(1);
    expect(results.filter((result) => !result.timings['llm-extraction']?.cached)).toHaveLength(1);
  });
});

describe('the disk cache', () => {
  it('is reused by a new process: a new store on the same folder re-runs nothing', async () => {
    await invoicePipeline(providers, { cache: diskCache({ directory }) }).run(DOCUMENT);
    providers.resetCounts();
    const later = await invoicePipeline(providers, { cache: diskCache({ directory }) }).run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
    expect(later.data).toEqual({ title: 'Textractor Test', date: '08/14/2022' });
  });

  it('is not read or written with cache: false', async () => {
    const pipeline = invoicePipeline(providers, { cache: false });
    await pipeline.run(DOCUMENT);
    await pipeline.run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 2, llm: 2 });
  });

  it('recovers from a garbled and a truncated entry: a miss, recomputed, rewritten, then a hit', async () => {
    const pipeline = invoicePipeline(providers, { cache: diskCache({ directory }) });
    const keys = new Map<string, string>();
    pipeline.on('stage:cache-hit', ({ stageId, key }) => keys.set(stageId, key));
    await pipeline.run(DOCUMENT);
    await pipeline.run(DOCUMENT); // all hits: learns each stage's key
    const file = (stageId: string) => {
      const key = keys.get(stageId) as string;
      return join(directory, 'docpipe', key.slice(0, 2), `${key}.entry`);
    };
    await writeGarbage(file('ocr'));
    await truncateToHalf(file('llm-extraction'));

    providers.resetCounts();
    const recovered = await pipeline.run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 1, llm: 1 });
    expect(recovered.timings).toMatchObject({
      ocr: { cached: false },
      parser: { cached: true },
      'llm-extraction': { cached: false },
    });
    expect(recovered.warnings.map((warning) => warning.code)).not.toContain('cache-unavailable');

    providers.resetCounts();
    await pipeline.run(DOCUMENT);
    expect(providers.calls()).toEqual({ ocr: 0, llm: 0 });
  });

  it('never holds a credential: every file is scanned for the fake keys', async () => {
    const cache = diskCache({ directory });
    await invoicePipeline(providers, { cache }).run(DOCUMENT);
    const azure: AzureServer = await startAzureServer();
    try {
      azure.script({ result: await recording(RECORDINGS.markdown) });
      const parseOnly = linearPipeline({
        stages: [Stage.OCR, Stage.PARSER],
        cache,
        ocr: azureOcrConfig(azure.endpoint),
      });
      await parseOnly.run(new URL('../fixtures/azure-di/bcgov-hr0081/1_81.jpg', import.meta.url));
    } finally {
      await azure.close();
    }

    const files = await readdir(directory, { recursive: true, withFileTypes: true });
    const contents = await Promise.all(
      files
        .filter((entry) => entry.isFile())
        .map((entry) => readFile(join(entry.parentPath, entry.name), 'utf8')),
    );
    expect(contents).toHaveLength(5); // textract OCR, parser, extraction; azure OCR, parser
    expect(contents.join('\n')).toContain('Textractor Test'); // the scan reads real entries
    for (const text of contents) expect(secretsIn(text)).toEqual([]);
  });
});

function writeGarbage(path: string): Promise<void> {
  return writeFile(path, '\u0000\u0001 garbage \uFFFD');
}

async function truncateToHalf(path: string): Promise<void> {
  await truncate(path, Math.floor((await stat(path)).size / 2));
}
