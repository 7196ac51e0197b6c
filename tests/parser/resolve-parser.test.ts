import { describe, expect, it } from 'vitest';
import { ConfigError, type ParsingMethodName } from '../../src/index.js';
import { resolveParser } from '../../src/parser/index.js';
import { ocrDocumentFromText } from '../../src/testing/index.js';

describe('resolveParser', () => {
  it.each(['layout-conserved', 'plain', 'markdown'] as const)('gives a parser for %s', (method) => {
    const parsed = resolveParser(method)(ocrDocumentFromText(['Page one', 'Page two']));
    expect(parsed).toEqual({
      method,
      text: 'Page one\fPage two',
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
