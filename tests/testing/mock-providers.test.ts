import { describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/index.js';
import {
  createMockExtractionModel,
  createMockOcrProvider,
  ocrDocumentFromText,
} from '../../src/testing/index.js';

const document = { id: 'abc', name: 'x.txt', mediaType: 'text/plain' as const, text: 'hello world' };

describe('docpipe/testing', () => {
  it('mock OCR lays the document text out as lines and records its calls', async () => {
    const ocr = createMockOcrProvider({ costPerPage: 0.01 });
    const recognition = await ocr.recognize(document, {});
    expect(recognition.document.pages[0]?.lines.map((l) => l.text)).toEqual(['hello world']);
    expect(recognition.usage).toEqual({ pages: 1, costUsd: 0.01 });
    expect(ocr.calls).toEqual([document]);
  });

  it('mock models answer from a function of the request and fail on cue', async () => {
    const model = createMockExtractionModel({
      respond: (request, call) => ({ echo: request.text, call }),
      failWith: (call) =>
        call === 2
          ? new ProviderError('Overloaded.', { provider: 'mock', status: 529, retryable: true })
          : undefined,
    });
    const request = { system: '', jsonSchema: {}, prompt: 'hi', text: 'hi', maxTokens: 10, temperature: 0 };
    expect((await model.extract(request)).json).toEqual({ echo: 'hi', call: 1 });
    await expect(model.extract(request)).rejects.toThrow('Overloaded.');
    expect(model.requests).toHaveLength(2);
  });

  it('builds OcrDocuments from text, one per page, with boxes inside the page', () => {
    const doc = ocrDocumentFromText(['Total   42.00', 'Page two']);
    expect(doc.pages.map((p) => p.pageNumber)).toEqual([1, 2]);
    expect(doc.pages[0]?.lines.map((l) => [l.id, l.text])).toEqual([
      ['p1-l0', 'Total'],
      ['p1-l1', '42.00'],
    ]);
    for (const line of doc.pages.flatMap((p) => p.lines)) {
      expect(line.box.left + line.box.width).toBeLessThanOrEqual(1);
      expect(line.box.top + line.box.height).toBeLessThanOrEqual(1);
    }
  });
});
