/**
 * `docpipe parse <file...>`: OCR and parse documents, printing their text (no extraction).
 *
 * @module
 */
import type { Command } from 'commander';
import { linearPipeline } from '../pipeline/linear-pipeline.js';
import { type OCRProviderType, type ParsingMethod, Stage } from '../stages/constants.js';
import { type CacheCliOptions, cacheDirOption, cacheFromOptions, noCacheOption } from './cache-command.js';
import type { CliIo } from './io.js';
import {
  type LimitCliOptions,
  limitOptions,
  limitsOf,
  parseOcrProvider,
  parsePageRanges,
  parseParsingMethod,
} from './option-values.js';
import { parsedJson, parsedText } from './parsed-output.js';
import { reportPageProgress } from './progress.js';
import { reportWarnings } from './warnings.js';

interface ParseOptions extends CacheCliOptions, LimitCliOptions {
  readonly ocr: OCRProviderType;
  readonly parser?: ParsingMethod;
  readonly pages?: number[];
  readonly json?: boolean;
}

/** Adds the `parse` command to `program`. */
export function registerParseCommand(program: Command, io: CliIo): void {
  const command = program.command('parse');
  for (const option of limitOptions()) command.addOption(option);
  command
    .description('OCR and parse documents, and print their text with its layout kept.')
    .argument('<file...>', 'documents to parse (PDF, image)')
    .option(
      '--ocr <provider>',
      'OCR provider: auto, pdf-text, paddle, tesseract, textract, azure',
      parseOcrProvider,
      'auto',
    )
    .option('--parser <method>', 'how OCR output becomes text: layout, plain, markdown', parseParsingMethod)
    .option('--pages <ranges>', 'pages to parse, e.g. 1-3,5', parsePageRanges)
    .option('--json', 'print the OcrDocument and ParsedDocument as JSON')
    .addOption(cacheDirOption())
    .addOption(noCacheOption())
    .action(async (files: string[], options: ParseOptions) => {
      const limits = limitsOf(options);
      const pipeline = linearPipeline({
        stages: [Stage.OCR, Stage.PARSER],
        cache: cacheFromOptions(options),
        ocr: { provider: options.ocr, ...(options.pages ? { pages: options.pages } : {}) },
        ...(options.parser ? { parser: { method: options.parser } } : {}),
        ...(limits === undefined ? {} : { limits }),
      });
      let current = '';
      const stopProgress = reportPageProgress(pipeline, io, () => current);
      try {
        // One document at a time, each printed as soon as it is done.
        for (const [index, file] of files.entries()) {
          current = file;
          const result = await pipeline.run(file);
          if (options.json) io.stdout.write(`${JSON.stringify(parsedJson(result), null, 2)}\n`);
          else {
            reportWarnings(io, file, result.warnings);
            io.stdout.write(parsedText(result, file, files, index, { terminal: io.stdout.isTTY === true }));
          }
        }
      } finally {
        stopProgress();
        await pipeline.close();
      }
    });
}
