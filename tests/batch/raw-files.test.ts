/**
 * The raw vendor responses of a batch run: stored as `items/<id>/<stageId>.raw.json` when the pipeline keeps them
 * (`keepRaw`), from the real `openai` SDK against a local server, with no trace of the key; never taken for a stage
 * output when the run is resumed.
 */
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { itemsFromJson } from '../../src/batch/batch-inputs.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { LLMExtractionConfig, linearPipeline, OpenAICredential, Stage } from '../../src/index.js';
import { classifyItemFiles, stageIdOfFileName, stageRawFileName } from '../../src/runs/item-files.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { cli } from '../support/run-cli.js';

const API_KEY = 'sk-test-rawfiles0123456789abcdef';
const Invoice = z.object({ invoice_number: z.string() });

let server: OpenAIServer;
beforeAll(async () => {
  server = await startOpenAIServer();
});
afterAll(() => server.close());

function pipeline(keepRaw: boolean) {
  return linearPipeline({
    jsonSchema: Invoice,
    stages: [Stage.LLM_EXTRACTION],
    cache: false,
    keepRaw,
    llm: new LLMExtractionConfig({
      provider: 'openai-compatible',
      baseURL: server.url,
      model: 'gpt-4o-mini',
      credential: new OpenAICredential({ apiKey: API_KEY }),
    }),
  });
}

const items = itemsFromJson([{ id: 'a', text: 'Invoice INV-1' }], { idField: 'id', textField: 'text' });

async function batch(keepRaw: boolean): Promise<string> {
  const runsDir = await mkdtemp(join(tmpdir(), 'docpipe-raw-files-'));
  server.respondWith(() => ({ kind: 'json', value: { invoice_number: 'INV-1' } }));
  const summary = await runBatch(pipeline(keepRaw), items, { name: 'raw', runsDir });
  expect(summary.state).toBe('completed');
  return join(runsDir, 'raw', 'v0', 'items', 'a');
}

describe('raw responses in a batch run', () => {
  it('are stored beside the stage output with keepRaw, one per model call, without the key', async () => {
    const item = await batch(true);
    const text = await readFile(join(item, 'llm-extraction.raw.json'), 'utf8');
    const raw = JSON.parse(text) as { object: string; choices: unknown[] }[];
    expect(raw).toHaveLength(1);
    expect(raw[0]).toMatchObject({ object: 'chat.completion', choices: [expect.anything()] });
    for (const secret of [API_KEY, Buffer.from(API_KEY).toString('base64')]) {
      for (const file of await readdir(item)) {
        expect(await readFile(join(item, file), 'utf8').catch(() => '')).not.toContain(secret);
      }
    }
  });

  it('are not stored without keepRaw: they are several times the size of the outputs', async () => {
    const item = await batch(false);
    expect(await readdir(item)).not.toContain('llm-extraction.raw.json');
  });

  it('are stored by docpipe batch --keep-raw, which the version keeps in its config', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-raw-cli-'));
    const schema = join(dir, 'schema.json');
    const document = join(dir, 'invoice.txt');
    await writeFile(schema, JSON.stringify(z.toJSONSchema(Invoice)));
    await writeFile(document, 'Invoice INV-1');
    server.respondWith(() => ({ kind: 'json', value: { invoice_number: 'INV-1' } }));
    const runsDir = join(dir, 'runs');
    const { code, stderr } = await cli(
      'batch',
      document,
      '--schema',
      schema,
      '--name',
      'raw',
      '--runs-dir',
      runsDir,
      '--llm',
      'openai',
      '--base-url',
      server.url,
      '--stages',
      'llm',
      '--no-cache',
      '--keep-raw',
    );
    expect({ code, stderr }).toMatchObject({ code: 0 });
    const version = join(runsDir, 'raw', 'v0');
    expect(await readdir(join(version, 'items', 'invoice.txt'))).toContain('llm-extraction.raw.json');
    const metadata = JSON.parse(await readFile(join(version, 'metadata.json'), 'utf8')) as {
      config: { keepRaw?: boolean };
    };
    expect(metadata.config.keepRaw).toBe(true);
  });

  it('are never taken for a stage output, and answered parts make an item partial', () => {
    expect(stageIdOfFileName(stageRawFileName('llm-extraction'))).toBeUndefined();
    expect(stageIdOfFileName('llm-extraction.json')).toBe('llm-extraction');
    expect(classifyItemFiles(['input.json', 'ocr.raw.json'])).toEqual({ state: 'pending', stageIds: [] });
    expect(classifyItemFiles(['input.json', 'llm-extraction.parts'])).toEqual({
      state: 'partial',
      stageIds: [],
    });
  });
});
