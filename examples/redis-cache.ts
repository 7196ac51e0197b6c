/**
 * A stage cache in Redis, shared by every process and machine that uses it: the second run of a
 * document is served from the cache (no OCR or model call) even from another process.
 *
 * Run: REDIS_URL=redis://127.0.0.1:6379 npx tsx examples/redis-cache.ts
 */
import { z } from 'zod';
import { linearPipeline, redisCache } from '../src/index.js';

const url = process.env.REDIS_URL;
if (!url) {
  console.error('Set REDIS_URL (e.g. redis://127.0.0.1:6379) to run this example against your Redis.');
  process.exit(1);
}
const Invoice = z.object({ invoice_number: z.string().nullable() });
const cache = await redisCache({ url, namespace: 'docpipe-example', ttlMs: 3_600_000 });
const pipeline = linearPipeline({ jsonSchema: Invoice, llm: { provider: 'heuristic' }, cache });
const invoice = new URL('./documents/invoice.pdf', import.meta.url);
for (const attempt of ['first', 'second']) {
  const { timings, data } = await pipeline.run(invoice);
  const cached = Object.entries(timings)
    .filter(([, t]) => t.cached)
    .map(([id]) => id);
  console.log(`${attempt} run: ${JSON.stringify(data)}; from the cache: ${cached.join(', ') || 'nothing'}`);
}
await pipeline.close();
await cache.store.disconnect();
