/**
 * Configuration of a parser stage.
 *
 * @module
 */
import { checkOptionKeys, oneOf } from '../util/config-checks.js';
import { ParsingMethod } from './constants.js';
import { STAGE_OPTION_KEYS, StageConfig, type StageOptions } from './stage-options.js';

/** Options of {@link ParserConfig}. */
export interface ParserConfigOptions extends StageOptions {
  /** How OCR output is rendered into text. @default 'layout-conserved' */
  readonly method?: ParsingMethod;
}

const PARSER_OPTION_KEYS = ['method', ...STAGE_OPTION_KEYS] as const;

/**
 * How an `OcrDocument` is rendered into text for the extraction stage.
 *
 * @example
 * ```ts
 * new ParserConfig({ method: ParsingMethod.LAYOUT_CONSERVED });
 * new ParserConfig({ method: 'markdown' });
 * ```
 */
export class ParserConfig extends StageConfig {
  readonly method: ParsingMethod;

  /** @throws {ConfigError} naming the option that is unknown or invalid */
  constructor(options: ParserConfigOptions = {}) {
    checkOptionKeys('ParserConfig', options, PARSER_OPTION_KEYS);
    super('ParserConfig', options);
    this.method = oneOf(
      { config: 'ParserConfig', option: 'method' },
      options.method ?? ParsingMethod.LAYOUT_CONSERVED,
      Object.values(ParsingMethod),
    );
    Object.freeze(this);
  }
}
