/**
 * The parser stage: `OcrDocument` in, text out.
 *
 * @module
 */

import { resolveParser } from '../parser/index.js';
import type { OcrDocument, ParsedDocument } from '../spec/document.js';
import { ConfigError } from '../spec/errors.js';
import { ConfiguredStage } from './configured-stage.js';
import { ParserConfig, type ParserConfigOptions } from './parser-config.js';
import type { AnyStage, PreparedStage, StagesOutputting } from './stage.js';
import { configFingerprint } from './stage-key.js';
import { upstreamOcrDocument } from './upstream-ocr.js';

const AFTER_HINT =
  'A ParserStage reads an OcrDocument: put it after an OCRStage (or a custom stage that outputs one).';

/**
 * Renders the upstream `OcrDocument` into text with the configured method.
 *
 * @example
 * ```ts
 * const parser = new ParserStage(new ParserConfig({ method: 'layout-conserved' })).after(ocr);
 * ```
 */
export class ParserStage<Id extends string = 'parser'> extends ConfiguredStage<
  Id,
  ParsedDocument,
  ParserConfig,
  ParserConfigOptions
> {
  readonly kind = 'parser' as const;

  /** @throws {ConfigError} when the options are invalid */
  constructor(config?: ParserConfig | ParserConfigOptions) {
    super('parser' as Id, ParserConfig, config);
    Object.freeze(this);
  }

  /** A copy that runs after `stages`, one of which must output an `OcrDocument`. */
  after<const U extends readonly AnyStage[]>(
    ...stages: StagesOutputting<
      U,
      OcrDocument,
      'A ParserStage can only come after a stage that outputs an OcrDocument (an OCRStage)'
    >
  ): ParserStage<Id> {
    return this.withDependencies(stages, ['ocr', 'custom'], AFTER_HINT);
  }

  /** @internal */
  prepare(): PreparedStage<ParsedDocument> {
    if (this.dependencies.length === 0) {
      throw new ConfigError(`ParserStage '${this.id}' has no stage before it. ${AFTER_HINT}`, {
        option: 'after',
      });
    }
    const parse = resolveParser(this.config.method);
    const id = this.id;
    // Frozen, so that its text in cache keys is written once per pipeline rather than once per document.
    const identity = Object.freeze({ config: configFingerprint(this.config) });
    return {
      cacheIdentity: () => identity,
      async run(context) {
        const ocr = upstreamOcrDocument(context);
        if (!ocr) throw new ConfigError(`ParserStage '${id}' received no OcrDocument. ${AFTER_HINT}`);
        return parse(ocr);
      },
    };
  }
}
