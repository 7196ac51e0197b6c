/**
 * Configuration of an OCR stage.
 *
 * @module
 */
import type { AwsCredential, AzureCredential, AzureTokenCredential } from '../credentials.js';
import type { OcrFeature, OcrProvider } from '../spec/ocr-provider.js';
import {
  checkOptionKeys,
  invalidOption,
  type OptionName,
  oneOf,
  optionalEndpoint,
  optionalInteger,
  optionalString,
} from '../util/config-checks.js';
import { OCRProviderType } from './constants.js';
import { isProviderInstance } from './provider-instance.js';
import { STAGE_OPTION_KEYS, StageConfig, type StageOptions } from './stage-options.js';

const OCR_FEATURES: readonly OcrFeature[] = ['TABLES', 'FORMS', 'LAYOUT', 'QUERIES', 'SIGNATURES'];

/** Options of {@link OCRConfig}. */
export interface OCRConfigOptions extends StageOptions {
  /** A built-in provider's name, or your own {@link OcrProvider}. @default 'auto' */
  readonly provider?: OCRProviderType | OcrProvider;
  /**
   * The provider's model: Azure's model id (`prebuilt-read`, `prebuilt-layout`, a custom model), or
   * Textract's API (`'document'`, or `'expense'` for AnalyzeExpense). @default the provider's default
   */
  readonly model?: string;
  /** Analysis features to ask for. @default [] (text only) */
  readonly features?: readonly OcrFeature[];
  /** Questions for the `QUERIES` feature. @default [] */
  readonly queries?: readonly string[];
  /** 1-based page numbers to recognise. @default all pages */
  readonly pages?: readonly number[];
  /**
   * Cloud credentials: AWS keys, an Azure key, or an Azure `TokenCredential` (e.g. from `@azure/identity`).
   * @default the provider's standard sources (environment, AWS chain)
   */
  readonly credential?: AwsCredential | AzureCredential | AzureTokenCredential;
  /** The service endpoint; `http://` only for loopback hosts. @default the provider's */
  readonly endpoint?: string;
  /** The cloud region. @default the provider's standard source (`AWS_REGION`) */
  readonly region?: string;
  /**
   * Languages of the local engines: tesseract's each need their `@tesseract.js-data/<code>` package installed;
   * `paddle` reads `eng` and `chi_sim` (with others, `auto` uses tesseract). @default ['eng']
   */
  readonly languages?: readonly string[];
  /** Resolution scanned PDF pages are rendered at for local OCR. @default 300 */
  readonly dpi?: number;
  /** Workers of a local engine's pool (tesseract threads, paddle processes). @default the number of CPU cores */
  readonly workers?: number;
  /**
   * An S3 location for Textract's asynchronous APIs: the document is uploaded under `prefix`, read by one
   * job polled to completion, then deleted. Without it, PDFs are split and sent page by page to the
   * synchronous APIs. @default none
   */
  readonly s3?: { readonly bucket: string; readonly prefix?: string };
  /** How often a long-running job (Textract async, Azure analyze) is polled, in ms. @default 1000 */
  readonly pollIntervalMs?: number;
  /** The Azure Document Intelligence API version; `'2023-07-31'` uses the legacy client. @default '2024-11-30' */
  readonly apiVersion?: '2024-11-30' | '2023-07-31';
  /** Azure's `outputContentFormat`; `'markdown'` keeps the service's markdown on the OcrDocument. @default 'markdown' */
  readonly outputFormat?: 'markdown' | 'text';
  /** Pages sent to a cloud service at once when a document is split. @default 4 */
  readonly concurrency?: number;
  /** USD per page by price-table key, overriding the provider's documented price table. @default the provider's table */
  readonly pricePerPage?: Readonly<Record<string, number>>;
}

const OCR_OPTION_KEYS = [
  'provider',
  'model',
  'features',
  'queries',
  'pages',
  'credential',
  'endpoint',
  'region',
  'languages',
  'dpi',
  'workers',
  's3',
  'pollIntervalMs',
  'apiVersion',
  'outputFormat',
  'concurrency',
  'pricePerPage',
  ...STAGE_OPTION_KEYS,
] as const;

const PROVIDER_NAMES = Object.values(OCRProviderType);

/**
 * How documents are turned into an `OcrDocument`: which provider, which features, which pages.
 *
 * @example
 * ```ts
 * new OCRConfig({ provider: OCRProviderType.AWS_TEXTRACT, features: ['TABLES', 'FORMS'] });
 * new OCRConfig({ provider: 'tesseract', pages: [1, 2] });
 * ```
 */
export class OCRConfig extends StageConfig {
  readonly provider: OCRProviderType | OcrProvider;
  readonly model: string | undefined;
  readonly features: readonly OcrFeature[];
  readonly queries: readonly string[];
  readonly pages: readonly number[] | undefined;
  readonly credential: AwsCredential | AzureCredential | AzureTokenCredential | undefined;
  readonly endpoint: string | undefined;
  readonly region: string | undefined;
  readonly languages: readonly string[];
  readonly dpi: number;
  readonly workers: number | undefined;
  readonly s3: { readonly bucket: string; readonly prefix?: string } | undefined;
  readonly pollIntervalMs: number;
  readonly apiVersion: '2024-11-30' | '2023-07-31';
  readonly outputFormat: 'markdown' | 'text';
  readonly concurrency: number;
  readonly pricePerPage: Readonly<Record<string, number>> | undefined;

  /** @throws {ConfigError} naming the option that is unknown, missing or invalid */
  constructor(options: OCRConfigOptions = {}) {
    checkOptionKeys('OCRConfig', options, OCR_OPTION_KEYS);
    super('OCRConfig', options);
    const name = (option: string): OptionName => ({ config: 'OCRConfig', option });
    this.provider = isProviderInstance(options.provider, 'recognize', name('provider'))
      ? options.provider
      : oneOf(name('provider'), options.provider ?? OCRProviderType.AUTO, PROVIDER_NAMES);
    this.model = optionalString(name('model'), options.model);
    this.features = checkList(
      name('features'),
      options.features,
      (f: OcrFeature) => OCR_FEATURES.includes(f),
      {
        expected: `an array of ${OCR_FEATURES.join(', ')}`,
      },
    );
    this.queries = checkList(
      name('queries'),
      options.queries,
      (q: string) => typeof q === 'string' && q !== '',
      {
        expected: 'an array of non-empty strings',
      },
    );
    if (this.features.includes('QUERIES') && this.queries.length === 0) {
      invalidOption(name('queries'), 'a non-empty list when features include QUERIES', options.queries);
    }
    this.pages =
      options.pages === undefined
        ? undefined
        : checkList(name('pages'), options.pages, (p: number) => Number.isInteger(p) && p >= 1, {
            expected: 'an array of page numbers from 1',
            fix: 'For pages 1 to 3 write [1, 2, 3].',
          });
    this.credential = options.credential;
    this.endpoint = optionalEndpoint(name('endpoint'), options.endpoint);
    this.region = optionalString(name('region'), options.region);
    this.languages = checkList(name('languages'), options.languages ?? ['eng'], isLanguageCode, {
      expected: 'a non-empty array of tesseract language codes',
      fix: "For example ['eng', 'deu'].",
    });
    if (this.languages.length === 0) invalidOption(name('languages'), 'a non-empty array', options.languages);
    this.dpi = optionalInteger(name('dpi'), options.dpi, 72) ?? 300;
    this.workers = optionalInteger(name('workers'), options.workers, 1);
    this.s3 = checkS3Location(name('s3'), options.s3);
    this.pollIntervalMs = optionalInteger(name('pollIntervalMs'), options.pollIntervalMs, 1) ?? 1000;
    this.apiVersion = oneOf(name('apiVersion'), options.apiVersion ?? '2024-11-30', [
      '2024-11-30',
      '2023-07-31',
    ]);
    this.outputFormat = oneOf(name('outputFormat'), options.outputFormat ?? 'markdown', ['markdown', 'text']);
    this.concurrency = optionalInteger(name('concurrency'), options.concurrency, 1) ?? 4;
    this.pricePerPage = checkPrices(name('pricePerPage'), options.pricePerPage);
    Object.freeze(this);
  }
}

function checkS3Location(name: OptionName, value: unknown): OCRConfig['s3'] {
  if (value === undefined) return undefined;
  const location = value as { bucket?: unknown; prefix?: unknown };
  const valid =
    typeof location === 'object' &&
    location !== null &&
    typeof location.bucket === 'string' &&
    location.bucket !== '' &&
    (location.prefix === undefined || typeof location.prefix === 'string');
  if (!valid)
    invalidOption(
      name,
      '{ bucket, prefix? } with a bucket name',
      value,
      "For example { bucket: 'my-bucket', prefix: 'docpipe/' }.",
    );
  return Object.freeze({ ...(value as { bucket: string; prefix?: string }) });
}

function checkPrices(name: OptionName, value: unknown): OCRConfig['pricePerPage'] {
  if (value === undefined) return undefined;
  const valid =
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((price) => typeof price === 'number' && Number.isFinite(price) && price >= 0);
  if (!valid)
    invalidOption(
      name,
      'an object of non-negative USD prices per page',
      value,
      "For example { 'AnalyzeDocument:TABLES': 0.015 }.",
    );
  return Object.freeze({ ...(value as Record<string, number>) });
}

function isLanguageCode(code: string): boolean {
  return typeof code === 'string' && /^[a-z_]{3,12}$/i.test(code);
}

function checkList<T>(
  name: OptionName,
  value: unknown,
  isValid: (item: T) => boolean,
  message: { readonly expected: string; readonly fix?: string },
): readonly T[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value) || !value.every(isValid))
    invalidOption(name, message.expected, value, message.fix);
  return Object.freeze([...value]);
}
