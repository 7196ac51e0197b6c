/**
 * Test helpers for docpipe users: mock providers that record their calls, and synthetic OCR
 * documents. Import from `docpipe/testing`.
 *
 * @module
 */
export {
  createMockExtractionModel,
  createMockOcrProvider,
  type MockAnswer,
  type MockBehaviour,
  type MockExtractionModel,
  type MockExtractionModelOptions,
  type MockOcrProvider,
  type MockOcrProviderOptions,
} from './mock-providers.js';
export { type OcrConformanceCase, runOcrProviderConformance } from './ocr-conformance.js';
export { ocrDocumentFromText } from './ocr-document-from-text.js';
export { validateOcrDocument } from './validate-ocr-document.js';
