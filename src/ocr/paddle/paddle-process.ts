/**
 * The body of a paddle worker process: loads the models once, then reads the pages it is sent, one at a time.
 *
 * A process, not a worker thread: onnxruntime-node's native binding registers itself once per process
 * (`napi_module_register`), so a second thread that imports it fails with "Module did not self-register", even
 * after the first has exited; and its `session.run` blocks the thread that calls it.
 *
 * @module
 */
import sharp from 'sharp';
import { messageOf } from '../../spec/errors.js';
import { loadPaddleModels } from './onnx-models.js';
import type { PaddleProcessData, PageRequest, ProcessMessage } from './process-protocol.js';
import { readPage } from './read-page.js';

const send = process.send?.bind(process);
if (send === undefined) throw new Error('paddle-process runs only as a child process with an IPC channel.');
const post = (message: ProcessMessage) => send(message);
const data = JSON.parse(process.argv[2] ?? '{}') as PaddleProcessData;

// A parent that dies without closing its pool (killed, crashed) leaves no orphan reading on.
process.on('disconnect', () => process.exit(0));

// Crops are small and each is made once: libvips' cache would only keep pages already read.
sharp.cache(false);
// Each process is one lane of the pool, given its share of the cores for ONNX Runtime; libvips works in the
// gaps between inferences and needs no more.
sharp.concurrency(data.threads);

try {
  const models = await loadPaddleModels(data.installation, data.threads);
  process.on('message', async ({ id, image }: PageRequest) => {
    try {
      post({ kind: 'read', id, reading: await readPage(image, models, { detection: data.detection }) });
    } catch (error) {
      post({ kind: 'error', id, message: messageOf(error) });
    }
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'failed', message: messageOf(error) });
}
