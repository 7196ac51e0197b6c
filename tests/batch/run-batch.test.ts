/**
 * `runBatch` with the mock providers (test doubles): results as items finish, resume from the
 * last finished stage, reruns on top of a base version, only/skip/stopOnError, template variables.
 * The CLI and real-SDK batch runs are in batch-cli.test.ts.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { itemsFromJson, resolveBatchInputs } from '../../src/batch/batch-inputs.js';
import { rerunItems, runBatch } from '../../src/batch/run-batch.js';
import { linearPipeline, OCRConfig, ProviderError, Stage } from '../../src/index.js';
import { RunStore } from '../../src/runs/index.js';
import { createMockExtractionModel, createMockOcrProvider } from '../../src/testing/index.js';

const Invoice = z.object({ invoice_number: z.string(), total: z.number() });
const items = (count: number) =>
  itemsFromJson(
    Array.from({ length: count }, (_, i) => ({
      id: `doc-${i + 1}`,
      text: `Invoice ${i + 1} total ${i + 1}.00`,
    })),
    { idField: 'id', textField: 'text' },
  );
const answerFor = (text: string | undefined) => {
  const n = Number(/Invoice (\d+)/.exec(text ?? '')?.[1]);
  return { invoice_number: `INV-${n}`, total: n };
};

async function runsDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'docpipe-batch-'));
}

function pipelineWith(options: { failLlmFor?: (text: string) => boolean } = {}) {
  const ocr = createMockOcrProvider();
  const model = createMockExtractionModel({
    respond: (request) => answerFor(request.text),
    failWith: () => undefined,
  });
  const failing = createMockExtractionModel({
    respond: (request) => {
      if (options.failLlmFor?.(request.text ?? ''))
        throw new ProviderError('Bad request.', { provider: 'mock', status: 400 });
      return answerFor(request.text);
    },
  });
  const pipeline = linearPipeline({
    jsonSchema: Invoice,
    stages: [Stage.OCR, Stage.PARSER, Stage.LLM_EXTRACTION],
    ocr: new OCRConfig({ provider: ocr }),
    llm: { provider: options.failLlmFor ? failing : model, retry: false },
    cache: false,
  });
  return { pipeline, ocr, model: options.failLlmFor ? failing : model };
}

describe('runBatch', () => {
  it('runs every item, reports each as it finishes, and stores the run', async () => {
    const dir = await runsDir();
    const { pipeline } = pipelineWith();
    const finished: string[] = [];
    const summary = await runBatch(pipeline, items(12), {
      name: 'invoices',
      runsDir: dir,
      concurrency: 3,
      outputIdField: 'row',
      idStart: 100,
      onItem: (item) => {
        finished.push(item.id);
      },
    });
    expect(summary).toMatchObject({ runName: 'invoices', version: 'v0', state: 'completed', errors: [] });
    expect(summary.progress).toMatchObject({ total: 12, done: 12, failed: 0 });
    expect(finished.sort()).toEqual(
      items(12)
        .map((i) => i.id)
        .sort(),
    );
    const collated = JSON.parse(
      await readFile(join(dir, 'invoices', 'v0', 'collated', 'results.json'), 'utf8'),
    );
    expect(collated).toHaveLength(12);
    expect(collated[0]).toMatchObject({ id: 'doc-1', data: { invoice_number: 'INV-1', total: 1 } });
    const item = join(dir, 'invoices', 'v0', 'items', 'doc-3');
    expect(JSON.parse(await readFile(join(item, 'result.json'), 'utf8'))).toMatchObject({ row: 102 });
    expect(await readFile(join(item, 'prompt.md'), 'utf8')).toMatch(
      /### System[\s\S]*<document>\nInvoice 3 total 3\.00/,
    );
    for (const stage of ['ocr', 'parser', 'llm-extraction']) {
      expect(JSON.parse(await readFile(join(item, `${stage}.json`), 'utf8'))).toBeTruthy();
    }
    const metadata = JSON.parse(await readFile(join(dir, 'invoices', 'v0', 'metadata.json'), 'utf8'));
    expect(metadata).toMatchObject({
      state: 'completed',
      mode: 'initial',
      stats: { items: 12, succeeded: 12 },
    });
  });

  it('resumes a half-done item from its last finished stage, and skips finished items', async () => {
    const dir = await runsDir();
    const first = pipelineWith({ failLlmFor: (text) => text.includes('Invoice 2 ') });
    const before = await runBatch(first.pipeline, items(3), { name: 'r', runsDir: dir });
    expect(before.progress).toMatchObject({ done: 2, failed: 1 });
    expect(before.errors).toEqual([
      expect.objectContaining({ item: 'doc-2', stage: 'llm-extraction', code: 'provider' }),
    ]);

    const second = pipelineWith();
    const after = await runBatch(second.pipeline, items(3), { name: 'r', runsDir: dir, resume: true });
    expect(after).toMatchObject({ version: 'v0', state: 'completed' });
    expect(after.progress).toMatchObject({ done: 3, resumed: 2, failed: 0 });
    // doc-1 and doc-3 were done: not run again. doc-2's OCR and parser were done: only extraction ran.
    expect(second.ocr.calls).toHaveLength(0);
    expect(second.model.requests.map((r) => r.text)).toEqual(['Invoice 2 total 2.00']);
  });

  it('reruns chosen items as a new version whose collation keeps the base results', async () => {
    const dir = await runsDir();
    await runBatch(pipelineWith().pipeline, items(5), { name: 'r', runsDir: dir });
    const rerun = await rerunItems(
      pipelineWith().pipeline,
      items(5).filter((i) => ['doc-2', 'doc-4'].includes(i.id)),
      {
        name: 'r',
        runsDir: dir,
        notes: 'prompt fix',
      },
    );
    expect(rerun).toMatchObject({ version: 'v1', state: 'completed' });
    const store = new RunStore(dir);
    const v1 = await store.openVersion('r', 'v1');
    expect(await v1.metadata()).toMatchObject({
      mode: 'rerun',
      baseVersion: 'v0',
      notes: 'prompt fix',
      itemIds: ['doc-2', 'doc-4'],
    });
    const collated = JSON.parse(await readFile(join(dir, 'r', 'v1', 'collated', 'results.json'), 'utf8'));
    expect(collated.map((r: { id: string }) => r.id)).toEqual(['doc-1', 'doc-2', 'doc-3', 'doc-4', 'doc-5']);
  });

  it("takes another run's latest collated results as its items, their data as prompt variables", async () => {
    const dir = await runsDir();
    await runBatch(pipelineWith().pipeline, items(2), { name: 'first', runsDir: dir });
    const chained = await resolveBatchInputs([join(dir, 'first', 'latest', 'collated', 'results.json')], {
      idField: 'id',
    });
    expect(chained.map((item) => item.id)).toEqual(['doc-1', 'doc-2']);
    const model = createMockExtractionModel({ respond: { invoice_number: 'x', total: 1 } });
    const second = linearPipeline({
      jsonSchema: Invoice,
      systemPrompt: 'Check invoice {data__invoice_number}.',
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: model },
    });
    const summary = await runBatch(second, chained, { name: 'second', runsDir: dir });
    expect(summary.progress.done).toBe(2);
    expect(model.requests.map((r) => /Check invoice (\S+)\./.exec(r.system)?.[1]).sort()).toEqual([
      'INV-1',
      'INV-2',
    ]);
  });

  it('honours only, skip and stopOnError', async () => {
    const { pipeline } = pipelineWith({ failLlmFor: (text) => text.includes('Invoice 1 ') });
    const summary = await runBatch(pipeline, items(6), {
      only: ['doc-1', 'doc-2', 'doc-3'],
      skip: ['doc-2'],
      concurrency: 1,
      stopOnError: true,
    });
    expect(summary.state).toBe('failed');
    expect(summary.progress).toMatchObject({ failed: 1, skipped: 0, done: 0 });
  });

  it('fills prompt variables from each item', async () => {
    const model = createMockExtractionModel({ respond: { invoice_number: 'x', total: 1 } });
    const pipeline = linearPipeline({
      jsonSchema: Invoice,
      systemPrompt: 'The invoice {id} from {vendor__name}.',
      stages: [Stage.LLM_EXTRACTION],
      llm: { provider: model },
    });
    await runBatch(
      pipeline,
      itemsFromJson([{ id: 'a', vendor: { name: 'Acme' }, text: 'x' }], { idField: 'id', textField: 'text' }),
    );
    expect(model.requests[0]?.system).toContain('The invoice a from Acme.');
  });
});
