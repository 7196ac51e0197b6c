/**
 * Putting a document where Textract's asynchronous APIs read it: an S3 object, removed after the job.
 *
 * @module
 */
import type * as S3Sdk from '@aws-sdk/client-s3';
import { mapTextractError } from './map-textract-error.js';
import type { AwsSdkCredentials } from './textract-client.js';

/** Uploads and removes the objects of Textract jobs. */
export interface S3Staging {
  /** Writes `bytes` to `key` of the configured bucket. */
  upload(key: string, bytes: Uint8Array, signal: AbortSignal | undefined): Promise<void>;
  /** Deletes `key`; a job's input is not kept once its results are read. */
  remove(key: string): Promise<void>;
  destroy(): void;
}

let sdk: Promise<typeof S3Sdk> | undefined;

/**
 * Staging in `location.bucket` through `location.client`, else through an S3 client docpipe makes with the
 * Textract client's region and credentials (else the AWS default chain), the SDK's own retries off; its endpoint
 * is the SDK's (it honours `AWS_ENDPOINT_URL_S3`). `destroy` destroys only a client it made.
 */
export async function openS3Staging(
  location: {
    readonly bucket: string;
    readonly region: string | undefined;
    readonly client: S3Sdk.S3Client | undefined;
  },
  credentials: AwsSdkCredentials | undefined,
): Promise<S3Staging> {
  sdk ??= import('@aws-sdk/client-s3');
  const { S3Client, PutObjectCommand, DeleteObjectCommand } = await sdk;
  const client =
    location.client ??
    new S3Client({
      maxAttempts: 1,
      ...(location.region === undefined ? {} : { region: location.region }),
      ...(credentials === undefined ? {} : { credentials }),
    });
  const secrets = credentials === undefined ? [] : Object.values(credentials);
  const Bucket = location.bucket;
  return {
    async upload(key, bytes, signal) {
      try {
        await client.send(
          new PutObjectCommand({ Bucket, Key: key, Body: bytes }),
          signal ? { abortSignal: signal } : {},
        );
      } catch (error) {
        signal?.throwIfAborted();
        throw mapTextractError(error, 'S3 PutObject', secrets);
      }
    },
    async remove(key) {
      try {
        await client.send(new DeleteObjectCommand({ Bucket, Key: key }));
      } catch (error) {
        throw mapTextractError(error, 'S3 DeleteObject', secrets);
      }
    },
    destroy: () => {
      if (location.client === undefined) client.destroy();
    },
  };
}
