/**
 * The OCR stage: document in, provider-neutral `OcrDocument` out.
 *
 * @module
 */
import { isLoadedDocument, type LoadedDocument, type OcrDocument } from '../document/model.js';
import { resolveOcrProvider } from '../ocr/registry.js';
import {
  type AnyStage,
  PipelineStage,
  type PreparedStage,
  type StageSettings,
  type StagesOutputting,
} from '../pipeline/stage.js';
import { OCRConfig, type OCRConfigOptions } from './ocr-config.js';

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
export class OCRStage<Id extends string = 'ocr'> extends PipelineStage<Id, OcrDocument> {
  readonly kind = 'ocr' as const;
  readonly config: OCRConfig;

  /** @throws {ConfigError} when the options are invalid */
  constructor(config: OCRConfig | OCRConfigOptions = new OCRConfig()) {
    super('ocr' as Id, []);
    this.config = config instanceof OCRConfig ? config : new OCRConfig(config);
    Object.freeze(this);
  }

  get settings(): StageSettings {
    return this.config;
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

  /** A copy with some config options changed. */
  withConfig(patch: OCRConfigOptions): OCRStage<Id> {
    return this.derive({ config: new OCRConfig({ ...this.config, ...patch }) });
  }

  /** @internal */
  prepare(): PreparedStage<OcrDocument> {
    const provider = resolveOcrProvider(this.config);
    const pages = this.config.pages;
    return {
      async run(context) {
        const source = context.findUpstream(isLoadedDocument) ?? context.document;
        const recognition = await provider.recognize(source, {
          signal: context.signal,
          ...(pages ? { pages } : {}),
        });
        context.addUsage({
          pages: recognition.usage.pages,
          costUsd: recognition.usage.costUsd ?? 0,
          calls: 1,
        });
        for (const warning of recognition.warnings) context.warn(warning);
        return recognition.document;
      },
      ...(provider.close ? { close: () => provider.close?.() ?? Promise.resolve() } : {}),
    };
  }
}
