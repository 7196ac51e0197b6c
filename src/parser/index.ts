/**
 * Parsers: functions from an `OcrDocument` to text, by method.
 *
 * @module
 */
import type { OcrDocument, ParsedDocument, ParsingMethodName } from '../document/model.js';
import { ConfigError } from '../errors.js';
import { renderLayoutConserved } from './layout-conserved.js';
import { renderPlain } from './plain.js';

/** Renders an `OcrDocument` into text. */
export type Parser = (document: OcrDocument) => ParsedDocument;

const PARSERS: Partial<Record<ParsingMethodName, Parser>> = {
  'layout-conserved': renderLayoutConserved,
  plain: renderPlain,
};

/** The parser for a method. @throws {ConfigError} when the method is not implemented yet */
export function resolveParser(method: ParsingMethodName): Parser {
  const parser = PARSERS[method];
  if (!parser) {
    const available = Object.keys(PARSERS).join(', ');
    throw new ConfigError(
      `Parsing method '${method}' is not available in this version of docpipe; use one of: ${available}.`,
      { option: 'ParserConfig.method' },
    );
  }
  return parser;
}
