import type { Pipeline } from '../pipeline/pipeline.js';
import type { CliIo } from './io.js';

// Short documents finish before a progress line would help anyone.
const PAGES_WORTH_REPORTING = 4;

/**
 * Writes a line to stderr for each page a long document's stages finish, naming the document
 * `currentName()` returns; returns a function that stops.
 */
export function reportPageProgress(
  pipeline: Pipeline<unknown>,
  io: CliIo,
  currentName: () => string,
): () => void {
  return pipeline.on('stage:progress', ({ stageId, done, total }) => {
    if (total >= PAGES_WORTH_REPORTING)
      io.stderr.write(`docpipe: ${currentName()}: ${stageId} page ${done}/${total}\n`);
  });
}
