/**
 * The built-in OCR providers by name, and the `OCRConfig` options each one reads.
 *
 * @module
 */
import { createAutoOcr } from '../ocr/auto/index.js';
import { createAzureOcr } from '../ocr/azure/index.js';
import { createPaddleOcr } from '../ocr/paddle/index.js';
import { createPdfTextOcr } from '../ocr/pdf-text/index.js';
import { createTesseractOcr } from '../ocr/tesseract/index.js';
import { createTextractOcr } from '../ocr/textract/index.js';
import type { OcrProvider } from '../spec/ocr-provider.js';
import type { OCRProviderType } from './constants.js';
import { OCRConfig } from './ocr-config.js';
import { ProviderRegistry, type ResolvedProvider } from './provider-registry.js';

const LOCAL_ENGINE = ['languages', 'dpi', 'workers'] as const;

const ocrProviders = new ProviderRegistry<OCRProviderType, OcrProvider, OCRConfig>(
  'OCRConfig',
  {
    auto: { settings: LOCAL_ENGINE, create: createAutoOcr },
    azure: {
      settings: [
        'model',
        'features',
        'credential',
        'endpoint',
        'pollIntervalMs',
        'apiVersion',
        'outputFormat',
        'pricePerPage',
      ],
      create: createAzureOcr,
    },
    'pdf-text': { settings: [], create: createPdfTextOcr },
    paddle: { settings: LOCAL_ENGINE, create: createPaddleOcr },
    tesseract: { settings: LOCAL_ENGINE, create: createTesseractOcr },
    textract: {
      settings: [
        'model',
        'features',
        'queries',
        'credential',
        'endpoint',
        'region',
        's3',
        'pollIntervalMs',
        'concurrency',
        'pricePerPage',
      ],
      create: createTextractOcr,
    },
  },
  // Read by the OCR stage itself, whatever the provider: pages go to every provider as a recognize option.
  new Set(['provider', 'pages', 'timeoutMs', 'retry', 'cache']),
  (provider) => new OCRConfig({ provider }),
);

/**
 * The provider an OCR config names (made from the options it reads), or the one it holds, with a `config-unused`
 * warning for each option it leaves unread.
 *
 * @throws {ConfigError} when its settings or credentials are unusable
 */
export function resolveOcrProvider(config: OCRConfig): ResolvedProvider<OcrProvider> {
  return ocrProviders.resolve(config);
}
