/**
 * Run warnings on stderr: a blank page, a field the extractor could not find, an unknown price. They do not
 * fail the run, but a user reading only the printed data would never learn of them.
 *
 * @module
 */
import type { Warning } from '../spec/document.js';
import { inCliWords } from './cli-words.js';
import type { CliIo } from './io.js';

/** Writes each warning of the run on `file` to stderr, one line each. */
export function reportWarnings(io: CliIo, file: string, warnings: readonly Warning[]): void {
  for (const warning of warnings) io.stderr.write(`docpipe: ${file}: warning: ${describe(warning)}\n`);
}

function describe({ code, message, stageId, page }: Warning): string {
  const where = [code, stageId && `stage ${stageId}`, page !== undefined && `page ${page}`].filter(Boolean);
  return `${inCliWords(message)} (${where.join(', ')})`;
}
