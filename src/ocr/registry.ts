/**
 * The built-in OCR providers by name.
 *
 * @module
 */
import { ProviderRegistry } from '../pipeline/provider-registry.js';
import type { OcrProvider } from '../spec/ocr-provider.js';
import type { OCRProviderType } from '../stages/constants.js';
import type { OCRConfig } from '../stages/ocr-config.js';
import { createAutoProvider } from './auto/auto-provider.js';
import { createAzureProvider } from './azure/index.js';
import { createPaddleProvider } from './paddle/index.js';
import { createPdfTextProvider } from './pdf-text/index.js';
import { createTesseractProvider } from './tesseract/index.js';
import { createTextractProvider } from './textract/index.js';

const ocrProviders = new ProviderRegistry<OCRProviderType, OcrProvider, OCRConfig>({
  auto: createAutoProvider,
  azure: createAzureProvider,
  'pdf-text': createPdfTextProvider,
  paddle: (config) => createPaddleProvider(config),
  tesseract: createTesseractProvider,
  textract: createTextractProvider,
});

/** The provider an OCR config names (or holds). @throws {ConfigError} when its settings or credentials are unusable */
export function resolveOcrProvider(config: OCRConfig): OcrProvider {
  return ocrProviders.resolve(config);
}
