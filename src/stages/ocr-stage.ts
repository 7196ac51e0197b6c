/**
 * The OCR stage: document in, provider-neutral `OcrDocument` out.
 *
 * @module
 */

import { textOcrDocument } from '../ocr/text/text-document.js';
import { isLoadedDocument, type LoadedDocument, type OcrDocument } from '../spec/document.js';
import { ConfiguredStage } from './configured-stage.js';
import { OCRConfig, type OCRConfigOptions } from './ocr-config.js';
import { resolveOcrProvider } from './ocr-providers.js';
import type { AnyStage, PipelineEnvironment, PreparedStage, StagesOutputting } from './stage.js';
import { configFingerprint } from './stage-key.js';
import { sanitizedWithWarnings } from './upstream-ocr.js';

const AFTER_HINT =
  'An OCRStage reads the document itself; put it after a custom stage only when that stage outputs a LoadedDocument (e.g. a deskewed copy).';

/**
 * Runs OCR on the document with the configured provider.
 *
 * @example
 * ```ts
 * const ocr = new OCRStage(new OCRConfig({ provider: 'textract', features: ['TABLES'] }));
 * ```
 */
export class OCRStage<Id extends string = 'ocr'> extends ConfiguredStage<
  Id,
  OcrDocument,
  OCRConfig,
  OCRConfigOptions
> {
  readonly kind = 'ocr' as const;

  /** @throws {ConfigError} when the options are invalid */
  constructor(config?: OCRConfig | OCRConfigOptions) {
    super('ocr' as Id, OCRConfig, config);
    Object.freeze(this);
  }

  /** A copy that runs after `stages`, which must output a `LoadedDocument` (e.g. a preprocessing stage). */
  after<const U extends readonly AnyStage[]>(
    ...stages: StagesOutputting<
      U,
      LoadedDocument,
      'An OCRStage can only come after a stage that outputs a LoadedDocument'
    >
  ): OCRStage<Id> {
    return this.withDependencies(stages, ['custom'], AFTER_HINT);
  }

  /** @internal */
  prepare({ limits }: PipelineEnvironment): PreparedStage<OcrDocument> {
    const { provider, warnings } = resolveOcrProvider(this.config);
    const pages = this.config.pages;
    // The built-in providers read images and PDFs; a text document is laid out as it is instead,
    // so mixed batches of scans and text files work. A provider of your own gets text too.
    const layoutText = typeof this.config.provider === 'string';
    // Frozen, so that its text in cache keys is written once per pipeline rather than once per document.
    const identity = Object.freeze({
      provider: provider.provider,
      modelId: provider.modelId,
      config: configFingerprint(this.config),
    });
    return {
      warnings,
      cacheIdentity: () => identity,
      async run(context) {
        const source = context.findInput(isLoadedDocument) ?? context.document;
        if (layoutText && source.text !== undefined)
          return sanitizedWithWarnings(textOcrDocument(source.text), context);
        const callProvider = <T>(request: () => Promise<T>) =>
          context.callProvider(provider.provider, request);
        // Answers are JSON data, kept as they are: the identity names the request within the document.
        const callProviderOnce = <T>(identity: unknown, request: () => Promise<T>) =>
          context.callProviderOnce(provider.provider, identity, request as () => Promise<T & object>);
        const recognize = () =>
          provider.recognize(source, {
            signal: context.signal,
            limits,
            onProgress: context.reportProgress,
            ...(pages ? { pages } : {}),
            ...(provider.routesRequests ? { callProvider, callProviderOnce } : {}),
          });
        // A provider that routes its own requests (page by page) gets each retried alone; any other is one call.
        const recognition = await (provider.routesRequests ? recognize() : callProvider(recognize));
        context.addUsage({
          pages: recognition.usage.pages,
          costUsd: recognition.usage.costUsd ?? 0,
          calls: 1,
        });
        for (const warning of recognition.warnings) context.warn(warning);
        context.keepRaw(recognition.raw);
        // Checked before anything reads it: a damaged file can give any provider NaN boxes or stray ids.
        return sanitizedWithWarnings(recognition.document, context);
      },
      ...(provider.close ? { close: () => provider.close?.() ?? Promise.resolve() } : {}),
    };
  }
}
