/**
 * Parsers: functions from an `OcrDocument` to text, by method.
 *
 * @module
 */
import type { OcrDocument, ParsedDocument, ParsingMethodName } from '../spec/document.js';
import { ConfigError } from '../spec/errors.js';
import { renderLayoutConserved } from './layout-conserved.js';
import { renderMarkdown } from './markdown.js';
import { renderPlain } from './plain.js';

/** Renders an `OcrDocument` into text. */
export type Parser = (document: OcrDocument) => ParsedDocument;

const PARSERS: Readonly<Record<ParsingMethodName, Parser>> = {
  'layout-conserved': renderLayoutConserved,
  plain: renderPlain,
  markdown: renderMarkdown,
};

/** The parser for a method. @throws {ConfigError} when the method is unknown (a value from untyped code) */
export function resolveParser(method: ParsingMethodName): Parser {
  if (!Object.hasOwn(PARSERS, method)) {
    const available = Object.keys(PARSERS).join(', ');
    throw new ConfigError(
      `Parsing method '${method}' is not available in this version of docpipe; use one of: ${available}.`,
      { option: 'ParserConfig.method' },
    );
  }
  return PARSERS[method];
}
