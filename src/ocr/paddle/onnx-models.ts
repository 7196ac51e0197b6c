/**
 * Loading the PP-OCR models into ONNX Runtime sessions, once per worker process.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import type { InferenceSession } from 'onnxruntime-node';
import type { FloatTensor, ModelRunner } from './model-runner.js';
import type { PaddleModels } from './read-page.js';

/** Where the engine's runtime and model files are. */
export interface PaddleInstallation {
  /** What `import()` loads ONNX Runtime from: `onnxruntime-node`, or a file URL. */
  readonly runtime: string;
  readonly detectionModel: string;
  readonly recognitionModel: string;
  readonly classificationModel: string;
  /** The recognizer's dictionary: one character a line. */
  readonly dictionary: string;
}

type OnnxRuntime = typeof import('onnxruntime-node');

/**
 * The three models in sessions running on `threads` threads each, and the recognizer's alphabet.
 *
 * @throws whatever ONNX Runtime throws for a missing or broken model or binary.
 */
export async function loadPaddleModels(
  installation: PaddleInstallation,
  threads: number,
): Promise<PaddleModels> {
  const runtime = (await import(installation.runtime)) as OnnxRuntime;
  const options: InferenceSession.SessionOptions = {
    // Each worker process is one lane of the pool: more threads per session than cores per worker would only
    // make the workers compete for the same cores.
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
    // Warnings (e.g. about unused initializers) would go to the user's stderr.
    logSeverityLevel: 3,
    // Without the arena each run's tensors are freed when it ends: a page's peak is not kept for the next
    // (measured on HR0081 photos: 1024 MB peak resident set with it, 799 MB without, and no slower).
    enableCpuMemArena: false,
    // Idle ONNX Runtime threads spin by default, waiting for work: cycles the pool's other processes (and the
    // main thread decoding the next page) need on a machine whose cores the workers already share.
    extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
  };
  const open = async (path: string) => runner(runtime, await runtime.InferenceSession.create(path, options));
  const [detector, classifier, recognizer, dictionary] = await Promise.all([
    open(installation.detectionModel),
    open(installation.classificationModel),
    open(installation.recognitionModel),
    readFile(installation.dictionary, 'utf8'),
  ]);
  return { detector, classifier, recognizer, alphabet: alphabetOf(dictionary) };
}

function runner(runtime: OnnxRuntime, session: InferenceSession): ModelRunner {
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  return {
    async run(input: FloatTensor): Promise<FloatTensor> {
      const tensor = new runtime.Tensor('float32', input.data, input.dims);
      const outputs = await session.run({ [inputName as string]: tensor });
      const output = outputs[outputName as string] as InferenceSession.OnnxValueMapType[string];
      tensor.dispose();
      const result = { data: output.data as Float32Array, dims: output.dims };
      return result;
    },
  };
}

// PaddleOCR's character list: the CTC blank, the dictionary's lines, and the space (use_space_char).
function alphabetOf(dictionary: string): string[] {
  const characters = dictionary.split('\n').map((line) => line.replace(/\r$/, ''));
  if (characters.at(-1) === '') characters.pop();
  return ['', ...characters, ' '];
}
