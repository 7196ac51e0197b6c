/**
 * The one thing the paddle engine needs of an ONNX Runtime session: run a float tensor through the model.
 *
 * @module
 */

/** A float tensor: values, row-major, and its shape. */
export interface FloatTensor {
  readonly data: Float32Array;
  readonly dims: readonly number[];
}

/** A loaded model with one float input and one float output. */
export interface ModelRunner {
  run(input: FloatTensor): Promise<FloatTensor>;
}
