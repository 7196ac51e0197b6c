/**
 * The messages between a {@link PaddleWorker} and its process.
 *
 * @module
 */
import type { DetectionSizeLimits } from './detection-size.js';
import type { Grayscale } from './gray-image.js';
import type { PaddleInstallation } from './onnx-models.js';
import type { PaddleReading } from './read-page.js';

/** What a process is started with. */
export interface PaddleProcessData {
  readonly installation: PaddleInstallation;
  /** ONNX Runtime's intra-op threads per session. */
  readonly threads: number;
  readonly detection: DetectionSizeLimits;
}

/** A page for the process to read. */
export interface PageRequest {
  readonly id: number;
  readonly image: Grayscale;
}

/** The process's messages: ready (models loaded) or not, and the answer to each request. */
export type ProcessMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'read'; readonly id: number; readonly reading: PaddleReading }
  | { readonly kind: 'error'; readonly id: number; readonly message: string };
