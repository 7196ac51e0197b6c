/**
 * A batch whose `decoder` stage kills its own process with SIGKILL, as a native decoder's segfault
 * would, when it reaches the poison item: the child process of tests/batch/crashed-items-e2e.test.ts.
 *
 *   node --import tsx tests/support/crashing-batch.ts <runsDir> [--resume] [--hold-others]
 *
 * Items `a`, `b` (the poison) and `c`. With `--hold-others`, `b` waits until the other items are in
 * their decoder too, and they wait for the death, so all three die together. A batch that ends
 * prints its summary as JSON on stdout.
 */
import { z } from 'zod';
import { itemsFromJson } from '../../src/batch/batch-inputs.js';
import { runBatch } from '../../src/batch/run-batch.js';
import { defineStage, linearPipeline, Stage } from '../../src/index.js';
import { createMockExtractionModel } from '../../src/testing/index.js';

const POISON_ITEM = 'b';
const ITEM_IDS = ['a', POISON_ITEM, 'c'] as const;

const [runsDir, ...flags] = process.argv.slice(2);
if (!runsDir) throw new Error('Usage: crashing-batch.ts <runsDir> [--resume] [--hold-others]');
const holdOthers = flags.includes('--hold-others');

let othersInDecoder = 0;
let othersArrived: () => void = () => undefined;
const allOthersArrived = new Promise<void>((resolve) => {
  othersArrived = resolve;
});

const decoder = defineStage({
  id: 'decoder',
  run: async ({ variables, document }) => {
    if (variables.id === POISON_ITEM) {
      if (holdOthers) await allOthersArrived;
      process.kill(process.pid, 'SIGKILL');
    } else if (holdOthers) {
      if (++othersInDecoder === ITEM_IDS.length - 1) othersArrived();
      await new Promise(() => undefined); // until the process dies
    }
    return { characters: document.text?.length ?? 0 };
  },
});

const Invoice = z.object({ invoice_number: z.string() });
const pipeline = linearPipeline({
  jsonSchema: Invoice,
  stages: [decoder, Stage.LLM_EXTRACTION],
  llm: {
    provider: createMockExtractionModel({
      respond: (request) => ({ invoice_number: /INV-\w+/.exec(request.text ?? '')?.[0] ?? '' }),
    }),
    retry: false,
  },
  cache: false,
});

const summary = await runBatch(
  pipeline,
  itemsFromJson(
    ITEM_IDS.map((id) => ({ id, text: `Invoice INV-${id}` })),
    { idField: 'id', textField: 'text' },
  ),
  { name: 'crashy', runsDir, resume: flags.includes('--resume') },
);
process.stdout.write(`${JSON.stringify(summary)}\n`);
