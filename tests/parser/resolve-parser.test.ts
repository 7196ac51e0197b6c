import { describe, expect, it } from 'vitest';
import { ConfigError, type ParsingMethodName } from '../../src/index.js';
import { resolveParser } from '../../src/parser/index.js';
import { ocrDocumentFromText } from '../../src/testing/index.js';

describe('resolveParser', () => {
  it.each(['layout-conserved', 'plain', 'markdown'] as const)('gives a parser for %s', (method) => {
    const parsed = resolveParser(method)(ocrDocumentFromText(['Page one', 'Page two']));
    // Markdown keeps blank lines around the form feed, so that no block runs on into the next page.
    const pageBreak = method === 'markdown' ? '\n\n\f\n\n' : '\f';
    expect(parsed).toEqual({
      method,
      text: `Page one${pageBreak}Page two`,
      pages: [
        { pageNumber: 1, text: 'Page one' },
        { pageNumber: 2, text: 'Page two' },
      ],
    });
  });

  it('rejects a method it does not know, as untyped code could pass', () => {
    expect(() => resolveParser('layout' as ParsingMethodName)).toThrow(ConfigError);
    expect(() => resolveParser('toString' as ParsingMethodName)).toThrow(
      /use one of: layout-conserved, plain, markdown/,
    );
  });
});
