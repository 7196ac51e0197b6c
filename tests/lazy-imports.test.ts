/**
 * `import 'docpipe'` loads no vendor SDK: each is imported by its adapter on first use, so a user of one
 * provider neither pays the start-up time of the others nor needs them installed (the local engines are
 * optional dependencies).
 */
import { afterEach, expect, it, vi } from 'vitest';

const VENDOR_SDKS = [
  '@anthropic-ai/sdk',
  '@anthropic-ai/bedrock-sdk',
  'openai',
  '@aws-sdk/client-textract',
  '@aws-sdk/client-s3',
  '@azure-rest/ai-document-intelligence',
  '@azure/ai-form-recognizer',
  'tesseract.js',
  'onnxruntime-node',
  'bullmq',
  '@keyv/redis',
  'playwright-core',
];

afterEach(() => {
  for (const sdk of VENDOR_SDKS) vi.doUnmock(sdk);
  vi.resetModules();
});

it('imports no vendor SDK when docpipe itself is imported', async () => {
  vi.resetModules();
  const imported: string[] = [];
  for (const sdk of VENDOR_SDKS) {
    vi.doMock(sdk, async (importOriginal) => {
      imported.push(sdk);
      return importOriginal();
    });
  }
  const docpipe = await import('../src/index.js');
  expect(typeof docpipe.createAnthropicModel).toBe('function');
  expect(imported).toEqual([]);
});
