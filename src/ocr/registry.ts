/**
 * The built-in OCR providers by name.
 *
 * @module
 */
import { ProviderRegistry } from '../pipeline/provider-registry.js';
import type { OCRProviderType } from '../stages/constants.js';
import type { OCRConfig } from '../stages/ocr-config.js';
import { createAutoProvider } from './auto/auto-provider.js';
import { createAzureProvider } from './azure/index.js';
import { createPdfTextProvider } from './pdf-text/index.js';
import type { OcrProvider } from './provider.js';
import { createTesseractProvider } from './tesseract/index.js';
import { createTextractProvider } from './textract/index.js';

const ocrProviders = new ProviderRegistry<OCRProviderType, OcrProvider, OCRConfig>(
  {
    kind: 'OCR provider',
    option: 'OCRConfig.provider',
    instead:
      'Pass your own OcrProvider as OCRConfig.provider, or leave OCR out with stages: [Stage.LLM_EXTRACTION] for text input.',
  },
  {
    auto: createAutoProvider,
    azure: createAzureProvider,
    'pdf-text': createPdfTextProvider,
    tesseract: createTesseractProvider,
    textract: createTextractProvider,
  },
);

/** The provider an OCR config names. @throws {ConfigError} when that provider is not available */
export function resolveOcrProvider(config: OCRConfig): OcrProvider {
  return ocrProviders.resolve(config);
}
