/**
 * docpipe: turn documents (PDFs, scans, photos, text) into validated, typed JSON.
 *
 * @example
 * ```ts
 * import { linearPipeline } from 'docpipe';
 * const pipeline = linearPipeline({ jsonSchema: Invoice, systemPrompt: 'Extract the invoice.' });
 * const { data } = await pipeline.run('invoice.pdf');
 * ```
 *
 * @module
 */
export {
  type BatchItem,
  itemsFromJson,
  type JsonItemOptions,
  resolveBatchInputs,
} from './batch/batch-inputs.js';
export {
  type BatchProgress,
  createProgressDisplay,
  formatBatchSummary,
  type ProgressDisplay,
  type ProgressDisplayOptions,
  type ProgressStream,
} from './batch/progress.js';
export {
  DEFAULT_INLINE_BYTES,
  type JobSource,
  type PipelineFactory,
  type QueueBatchOptions,
  type QueueConnection,
  type QueueConnectionError,
  type QueueJobData,
  type QueueWorker,
  startWorker,
  type WorkerEvent,
  type WorkerOptions,
} from './batch/queue/index.js';
export {
  type RateLimit,
  RateLimiter,
  type RateLimiterClock,
  type RateLimiterStats,
  RateLimiters,
  type ScheduleOptions,
} from './batch/rate-limiter.js';
export {
  type BatchItemResult,
  type BatchOptions,
  type BatchSummary,
  rerunItems,
  runBatch,
} from './batch/run-batch.js';
export { CacheConfig, type CacheOptions, type CacheSetting } from './cache/cache-config.js';
export {
  clearDiskCache,
  type DiskCacheOptions,
  type DiskCacheStats,
  diskCache,
  diskCacheStats,
} from './cache/disk-cache.js';
export { DEFAULT_CACHE_DIRECTORY, DiskStore, type DiskStoreOptions } from './cache/disk-store.js';
export { type RedisCacheOptions, redisCache } from './cache/redis-cache.js';
export type { CacheConfigWithStore, StoreSettings } from './cache/store-cache-config.js';
export {
  AnthropicCredential,
  AwsCredential,
  AzureCredential,
  type AzureTokenCredential,
  BedrockCredential,
  type Credential,
  OpenAICredential,
} from './credentials.js';
export { DEFAULT_DOCUMENT_LIMITS } from './document/limits.js';
export { type DocumentSource, type LoadOptions, loadDocument } from './document/load.js';
export {
  type BaselineComparison,
  type CalibrationBucket,
  type DocumentEvalScore,
  type EvalMismatch,
  type EvalOptions,
  type EvalProblem,
  type EvalReport,
  type EvalRowCounts,
  type EvalScore,
  evaluateRun,
  type FieldEvalScore,
  type FieldOutcome,
  type FieldRule,
  parseFieldRule,
  readEvaluation,
  type TruthInput,
} from './eval/index.js';
export {
  type AnthropicModelSettings,
  createAnthropicModel,
  DEFAULT_ANTHROPIC_MODEL,
} from './llm/anthropic/index.js';
export { type BedrockModelSettings, createBedrockModel, DEFAULT_BEDROCK_MODEL } from './llm/bedrock/index.js';
export type {
  Extraction,
  ExtractionPrompt,
  GroundedField,
  GroundingMatch,
  IncompleteExtraction,
} from './llm/extraction.js';
export { createHeuristicModel, HEURISTIC_MODEL_ID, type HeuristicSettings } from './llm/heuristic/index.js';
export type { HttpClientSettings } from './llm/http-client-settings.js';
export {
  createOpenAICompatibleModel,
  DEFAULT_OPENAI_MODEL,
  type OpenAICompatibleModelSettings,
} from './llm/openai-compatible/index.js';
export { LLM_PRICE_PER_MTOK, type ModelPrice } from './llm/pricing.js';
export { EXTRACTION_RULES } from './llm/prompt.js';
export { type AutoOcrSettings, createAutoOcr } from './ocr/auto/index.js';
export { AZURE_PRICE_PER_PAGE, type AzureOcrSettings, createAzureOcr } from './ocr/azure/index.js';
export type { LocalEngineSettings } from './ocr/local-engine-settings.js';
export { createPaddleOcr, type PaddleOcrSettings } from './ocr/paddle/index.js';
export { createPdfTextOcr, type PdfTextOcrSettings } from './ocr/pdf-text/index.js';
export { createTesseractOcr, type TesseractOcrSettings } from './ocr/tesseract/index.js';
export {
  createTextractOcr,
  TEXTRACT_PRICE_PER_PAGE,
  type TextractOcrSettings,
} from './ocr/textract/index.js';
export type { CallAnsweredListener } from './pipeline/answered-calls.js';
export { type DagPipelineData, type DagPipelineOptions, dagPipeline } from './pipeline/dag-pipeline.js';
export type {
  PipelineEventListener,
  PipelineEventName,
  PipelineEvents,
  StageEventBase,
} from './pipeline/events.js';
export type { PipelineGraph } from './pipeline/graph.js';
export {
  DEFAULT_STAGES,
  type LinearPipelineData,
  type LinearPipelineOptions,
  type LinearStageEntry,
  linearPipeline,
} from './pipeline/linear-pipeline.js';
export { Pipeline, type PipelineOptions, type RunOptions } from './pipeline/pipeline.js';
export type {
  ExtractedData,
  IncompleteResult,
  PartialData,
  PipelineResult,
  StageOutputs,
  StageTiming,
} from './pipeline/result.js';
export type { FinishedStage, StageFinishListener } from './pipeline/runner.js';
export {
  DEFAULT_REPORT_OPTIONS,
  type ReportEntry,
  type ReportFieldOutcome,
  type ReportOptions,
  type ReportOutcomes,
  renderReport,
} from './report/index.js';
export {
  type ChangedItem,
  type CollatedResult,
  DEFAULT_RUNS_DIR,
  diffJson,
  type FieldDifference,
  type ItemError,
  type ItemFiles,
  type ItemIncompleteness,
  type ItemInput,
  type ItemMetrics,
  type ItemResult,
  type ItemState,
  type NewVersionInit,
  type RunComparison,
  type RunLabel,
  type RunMetadata,
  type RunMode,
  type RunState,
  type RunStats,
  type RunStatus,
  RunStore,
  type RunSummary,
  RunVersion,
  sanitizeItemId,
} from './runs/index.js';
export type { RunQueueStatus } from './runs/status.js';
export type {
  InferSchema,
  JSONSchema,
  JSONSchemaDefinition,
  JSONSchemaTypeName,
  ResolvedSchema,
  SchemaInput,
  SchemaKind,
  SchemaValidationResult,
} from './schema/index.js';
export type {
  BoundingBox,
  DocumentLimits,
  LayoutBlock,
  LayoutRole,
  LoadedDocument,
  MediaType,
  OcrDocument,
  OcrKeyValue,
  OcrLine,
  OcrPage,
  OcrSelectionMark,
  OcrTable,
  OcrTableCell,
  OcrWord,
  ParsedDocument,
  ParsedPage,
  ParsingMethodName,
  Warning,
} from './spec/document.js';
export { LAYOUT_ROLES, PAGE_UNITS } from './spec/document.js';
export {
  type AnsweredCall,
  BatchError,
  ConfigError,
  CycleError,
  DocpipeError,
  type DocpipeErrorCode,
  type DocpipeErrorOptions,
  GraphError,
  InputError,
  type PartialAnswer,
  ProviderError,
  type ProviderErrorOptions,
  StageError,
  TruncatedOutputError,
  ValidationError,
  type ValidationIssue,
} from './spec/errors.js';
export type {
  ExtractionModel,
  ExtractionRequest,
  ExtractionResponse,
  FinishReason,
  ModelCapabilities,
  RepairTurn,
} from './spec/extraction-model.js';
export { OutputMode } from './spec/extraction-model.js';
export type { OcrFeature, OcrProvider, OcrRecognition, OcrRecognizeOptions } from './spec/ocr-provider.js';
export { EMPTY_USAGE, type Usage } from './spec/usage.js';
export { ExtractorProvider, OCRProviderType, ParsingMethod, Stage } from './stages/constants.js';
export { CustomStage, type DefineStageOptions, defineStage, type InputsOf } from './stages/define-stage.js';
export { LLMExtractionConfig, type LLMExtractionConfigOptions } from './stages/llm-extraction-config.js';
export { LLMExtractionStage } from './stages/llm-extraction-stage.js';
export { OCRConfig, type OCRConfigOptions } from './stages/ocr-config.js';
export { OCRStage } from './stages/ocr-stage.js';
export { ParserConfig, type ParserConfigOptions } from './stages/parser-config.js';
export { ParserStage } from './stages/parser-stage.js';
export { DEFAULT_RETRY_POLICY, type RetryOptions, type RetryPolicy } from './stages/retry-policy.js';
export {
  type AnyStage,
  type IncompatibleStage,
  type Logger,
  type OutputOf,
  PipelineStage,
  type ProviderGate,
  type StageClasses,
  type StageContext,
  type StageKind,
  type StageReference,
  type StageSettings,
  type StagesOutputting,
} from './stages/stage.js';
export { StageConfig, type StageOptions } from './stages/stage-options.js';
