/**
 * The `paddle` OCR provider (PP-OCR on ONNX Runtime) and the worker pool behind it.
 *
 * @module
 */

export type { DetectionSizeLimits } from './detection-size.js';
export {
  isMissingPaddleEngine,
  locatePaddleInstallation,
  missingPaddleEngine,
  type PaddleInstallation,
  type PaddleInstallationLocator,
  type ResolvePackage,
} from './paddle-installation.js';
export { DEFAULT_DETECTION_SIZE, PaddlePool, type PaddlePoolOptions } from './paddle-pool.js';
export {
  createPaddleOcr,
  createPaddlePool,
  PADDLE_LANGUAGES,
  type PaddleOcrSettings,
} from './paddle-provider.js';
