/**
 * Test helpers for docpipe users: mock providers that record their calls, synthetic OCR documents, and the
 * conformance suites every OCR provider and extraction model passes. Import from `docpipe/testing`.
 *
 * @module
 */
export {
  EXTRACTION_CONFORMANCE_ANSWER,
  type ExtractionConformanceRequest,
  extractionConformanceRequest,
} from './extraction-conformance-fixture.js';
export {
  type ExtractionConformanceCheck,
  type ExtractionModelConformanceOptions,
  runExtractionModelConformance,
} from './extraction-model-conformance.js';
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
