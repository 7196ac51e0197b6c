/** An OCR provider for benchmarks that answers with a recorded document instead of reading the input. */
import type { OcrDocument, OcrProvider } from '../src/index.js';

/** An OCR provider that answers with `document`, whatever it is handed. */
export function recordedOcr(document: OcrDocument, modelId: string): OcrProvider {
  return {
    specificationVersion: 'v1',
    provider: 'recorded',
    modelId,
    recognize: async () => ({ document, usage: { pages: document.pages.length }, warnings: [] }),
  };
}
