/**
 * The conformance suite every OCR provider passes, built-in or the user's own (vitest).
 *
 * @module
 */
import { describe, expect, it } from 'vitest';
import type { LoadedDocument } from '../spec/document.js';
import type { OcrProvider } from '../spec/ocr-provider.js';
import { validateOcrDocument } from './validate-ocr-document.js';

/** One document the suite runs a provider on. */
export interface OcrConformanceCase {
  /** Names the case in the test report. */
  readonly name: string;
  /** The document to recognise. */
  readonly document: () => Promise<LoadedDocument>;
  /** Pages it has. */
  readonly pages: number;
  /** Texts that must appear among the recognised lines. @default [] */
  readonly contains?: readonly string[];
}

/**
 * Registers tests checking that a provider keeps the `OcrProvider` contract on each case: its identity,
 * a valid `OcrDocument` (see {@link validateOcrDocument}), usage that counts the pages, and `pages`
 * honoured.
 *
 * @example
 * ```ts
 * runOcrProviderConformance('my-ocr', () => createMyOcr(), [
 *   { name: 'an invoice', document: () => loadDocument('invoice.pdf'), pages: 1, contains: ['INV-1'] },
 * ]);
 * ```
 */
export function runOcrProviderConformance(
  name: string,
  provider: () => OcrProvider | Promise<OcrProvider>,
  cases: readonly OcrConformanceCase[],
): void {
  describe(`${name} keeps the OcrProvider contract`, () => {
    it('names itself and implements specification v1', async () => {
      const ocr = await provider();
      expect(ocr.specificationVersion).toBe('v1');
      expect(ocr.provider).toMatch(/\S/);
      expect(ocr.modelId).toMatch(/\S/);
    });

    for (const conformanceCase of cases) {
      it(`recognises ${conformanceCase.name} into a valid OcrDocument`, async () => {
        const ocr = await provider();
        const { document, usage, warnings } = await ocr.recognize(await conformanceCase.document(), {});
        expect(validateOcrDocument(document)).toEqual([]);
        expect(document.pages.map((page) => page.pageNumber)).toEqual(
          Array.from({ length: conformanceCase.pages }, (_, i) => i + 1),
        );
        expect(usage.pages).toBe(conformanceCase.pages);
        for (const warning of warnings)
          expect(warning).toMatchObject({ code: expect.any(String), message: expect.any(String) });
        const text = document.pages.flatMap((page) => page.lines.map((line) => line.text)).join('\n');
        for (const expected of conformanceCase.contains ?? []) expect(text).toContain(expected);
      });

      it(`recognises only the pages asked for in ${conformanceCase.name}`, async () => {
        const ocr = await provider();
        const last = conformanceCase.pages;
        const { document, usage } = await ocr.recognize(await conformanceCase.document(), { pages: [last] });
        expect(document.pages.map((page) => page.pageNumber)).toEqual([last]);
        expect(usage.pages).toBe(1);
      });
    }
  });
}
