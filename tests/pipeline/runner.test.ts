import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import {
  type AnyStage,
  dagPipeline,
  defineStage,
  InputError,
  type PipelineEvents,
  ProviderError,
  StageError,
} from '../../src/index.js';

const text = { text: 'Invoice INV-1\nTotal 42.00' };

/** Records when each stage ran, to check what overlapped. */
function timeline() {
  const spans = new Map<string, { start: number; end: number }>();
  const stage = (id: string, after: AnyStage[], ms: number) =>
    defineStage({
      id,
      after,
      run: async ({ signal }) => {
        const start = performance.now();
        await sleep(ms, undefined, { signal });
        spans.set(id, { start, end: performance.now() });
        return id;
      },
    });
  return { spans, stage };
}

describe('running a graph', () => {
  it('runs independent branches of a diamond concurrently', async () => {
    const { spans, stage } = timeline();
    const top = stage('top', [], 5);
    const left = stage('left', [top], 60);
    const right = stage('right', [top], 60);
    const bottom = stage('bottom', [left, right], 5);
    const result = await dagPipeline({ stages: [bottom] }).run(text);

    const l = spans.get('left');
    const r = spans.get('right');
    expect(l && r && l.start < r.end && r.start < l.end).toBe(true);
    expect(spans.get('bottom')?.start).toBeGreaterThanOrEqual(Math.max(l?.end ?? 0, r?.end ?? 0));
    expect(result.stages).toMatchObject({ top: 'top', left: 'left', right: 'right', bottom: 'bottom' });
  });

  it('gives each stage its dependencies’ outputs by id', async () => {
    const a = defineStage({ id: 'a', run: () => 2 });
    const b = defineStage({ id: 'b', run: () => 3 });
    const sum = defineStage({ id: 'sum', after: [a, b], run: ({ inputs }) => inputs.a + inputs.b });
    const result = await dagPipeline({ stages: [sum] }).run(text);
    expect(result.stages.sum).toBe(5);
    expect(result.data).toBeUndefined();
  });

  it('aborts running siblings on the first failure and rejects with a StageError', async () => {
    let siblingAborted = false;
    const failing = defineStage({
      id: 'failing',
      run: async () => {
        await sleep(10);
        throw new Error('boom');
      },
    });
    const slow = defineStage({
      id: 'slow',
      run: async ({ signal }) => {
        signal.addEventListener('abort', () => {
          siblingAborted = true;
        });
        await sleep(5_000, undefined, { signal });
      },
    });
    const started = performance.now();
    const error = await dagPipeline({ stages: [failing, slow] })
      .run(text)
      .catch((e: unknown) => e);
    expect(StageError.isInstance(error)).toBe(true);
    expect((error as StageError).stageId).toBe('failing');
    expect(((error as StageError).cause as Error).message).toBe('boom');
    expect(siblingAborted).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('retries retryable provider errors, honouring Retry-After, and reports each retry', async () => {
    let calls = 0;
    const flaky = defineStage({
      id: 'flaky',
      retry: { maxAttempts: 3, initialDelayMs: 1 },
      run: () => {
        calls++;
        if (calls < 3)
          throw new ProviderError('Throttled.', {
            provider: 'x',
            status: 429,
            retryable: true,
            retryAfterMs: 20,
          });
        return 'ok';
      },
    });
    const pipeline = dagPipeline({ stages: [flaky] });
    const retries: PipelineEvents['retry'][] = [];
    pipeline.on('retry', (event) => retries.push(event));
    const result = await pipeline.run(text);
    expect(result.stages.flaky).toBe('ok');
    expect(result.timings.flaky?.attempts).toBe(3);
    expect(retries.map((r) => [r.attempt, r.delayMs])).toEqual([
      [1, 20],
      [2, 20],
    ]);
  });

  it('does not retry permanent errors', async () => {
    let calls = 0;
    const broken = defineStage({
      id: 'broken',
      run: () => {
        calls++;
        throw new ProviderError('Bad credentials.', { provider: 'x', status: 401 });
      },
    });
    await expect(dagPipeline({ stages: [broken] }).run(text)).rejects.toThrow(
      "Stage 'broken' failed: Bad credentials.",
    );
    expect(calls).toBe(1);
  });

  it('times out an attempt that takes too long, even one ignoring its signal, and retries it', async () => {
    let calls = 0;
    const slow = defineStage({
      id: 'slow',
      timeoutMs: 30,
      retry: { maxAttempts: 2, initialDelayMs: 1 },
      run: async () => {
        calls++;
        await sleep(calls === 1 ? 1_000 : 1);
        return calls;
      },
    });
    const result = await dagPipeline({ stages: [slow] }).run(text);
    expect(result.stages.slow).toBe(2);
    expect(result.timings.slow?.attempts).toBe(2);
  });

  it('rejects with a TimeoutError cause once the attempts are used up', async () => {
    const slow = defineStage({ id: 'slow', timeoutMs: 10, retry: false, run: () => sleep(500) });
    const error = (await dagPipeline({ stages: [slow] })
      .run(text)
      .catch((e: unknown) => e)) as StageError;
    expect(error.stageId).toBe('slow');
    expect((error.cause as Error).name).toBe('TimeoutError');
    expect(error.message).toContain('took longer than its timeoutMs of 10 ms');
  });

  it('stops when the caller aborts, rejecting with the caller’s reason', async () => {
    const slow = defineStage({ id: 'slow', run: ({ signal }) => sleep(5_000, undefined, { signal }) });
    const controller = new AbortController();
    const running = dagPipeline({ stages: [slow] }).run(text, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user cancelled')), 10);
    await expect(running).rejects.toThrow('user cancelled');
  });

  it('emits typed events for every stage', async () => {
    const a = defineStage({ id: 'a', run: ({ addUsage }) => addUsage({ pages: 2, calls: 1 }) });
    const pipeline = dagPipeline({ stages: [a] });
    const seen: string[] = [];
    pipeline.on('stage:start', (e) => seen.push(`start:${e.stageId}`));
    pipeline.on('usage', (e) => seen.push(`usage:${e.usage.pages}`));
    const stop = pipeline.on('stage:finish', (e) => seen.push(`finish:${e.stageId}:${e.cached}`));
    pipeline.on('stage:finish', () => {
      throw new Error('a buggy listener does not break the run');
    });
    const result = await pipeline.run(text);
    stop();
    await pipeline.run({ text: 'another' });
    expect(seen).toEqual(['start:a', 'usage:2', 'finish:a:false', 'start:a', 'usage:2']);
    expect(result.usage).toMatchObject({ pages: 2, calls: 1 });
  });

  it('emits stage:error when a stage fails for good', async () => {
    const a = defineStage({ id: 'a', run: () => Promise.reject(new Error('no')) });
    const pipeline = dagPipeline({ stages: [a] });
    const errors: unknown[] = [];
    pipeline.on('stage:error', (e) => errors.push(e.error));
    await expect(pipeline.run(text)).rejects.toThrow(StageError);
    expect(errors).toHaveLength(1);
  });

  it('runs many documents through one pipeline at once', async () => {
    const echo = defineStage({
      id: 'echo',
      run: async ({ document }) => {
        await sleep(20);
        return document.text;
      },
    });
    const pipeline = dagPipeline({ stages: [echo] });
    const started = performance.now();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pipeline.run({ text: `doc ${i}` })),
    );
    expect(results.map((r) => r.stages.echo)).toEqual(Array.from({ length: 50 }, (_, i) => `doc ${i}`));
    expect(new Set(results.map((r) => r.document.id)).size).toBe(50);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('records warnings with the stage that raised them', async () => {
    const a = defineStage({
      id: 'a',
      run: ({ warn }) => warn({ code: 'blank-page', message: 'Page 2 is blank.', page: 2 }),
    });
    const result = await dagPipeline({ stages: [a] }).run(text);
    expect(result.warnings).toEqual([
      { code: 'blank-page', message: 'Page 2 is blank.', page: 2, stageId: 'a' },
    ]);
  });

  it('fails on bad input before any stage runs', async () => {
    let ran = false;
    const a = defineStage({ id: 'a', run: () => (ran = true) });
    await expect(dagPipeline({ stages: [a] }).run({ text: '' })).rejects.toThrow(InputError);
    expect(ran).toBe(false);
  });
});
