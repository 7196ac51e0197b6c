import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadDocument } from '../../../src/index.js';
import { createTextractOcr } from '../../../src/ocr/textract/index.js';
import { textractRegion } from '../../../src/ocr/textract/textract-client.js';
import { ConfigError } from '../../../src/spec/errors.js';
import { replay, startTextractServer, type TextractServer } from '../../support/textract-server.js';
import { textractAt } from './textract-fixtures.js';

// Everything the AWS SDK (or docpipe) would take a region or a profile from.
const AWS_ENVIRONMENT = [
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'USERPROFILE',
];

let home: string;
let server: TextractServer;
beforeAll(async () => {
  server = await startTextractServer();
});
afterAll(() => server.close());
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'docpipe-textract-region-'));
  for (const name of AWS_ENVIRONMENT) vi.stubEnv(name, undefined);
  // No ~/.aws of the machine running the tests is read.
  vi.stubEnv('HOME', home);
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(home, { recursive: true, force: true });
});

async function awsFile(name: 'config' | 'credentials', text: string): Promise<void> {
  await mkdir(join(home, '.aws'), { recursive: true });
  await writeFile(join(home, '.aws', name), text);
}

describe('the textract region', () => {
  it('is required when the provider is built, with one sentence naming AWS_REGION and OCRConfig.region', () => {
    let error: unknown;
    try {
      createTextractOcr();
    } catch (thrown) {
      error = thrown;
    }
    expect(ConfigError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ option: 'OCRConfig.region' });
    expect((error as Error).message).toBe(
      'Amazon Textract needs a region; set AWS_REGION (e.g. us-east-1), or OCRConfig.region.',
    );
  });

  it('comes from OCRConfig.region, else AWS_REGION, else AWS_DEFAULT_REGION', () => {
    vi.stubEnv('AWS_REGION', 'eu-central-1');
    vi.stubEnv('AWS_DEFAULT_REGION', 'eu-west-1');
    expect(textractRegion({ region: 'ap-southeast-2' })).toBe('ap-southeast-2');
    expect(textractRegion({})).toBe('eu-central-1');
    vi.stubEnv('AWS_REGION', '');
    expect(textractRegion({})).toBe('eu-west-1');
    expect(createTextractOcr().provider).toBe('aws.textract');
  });

  it("is left to the SDK when the profile's section of ~/.aws/config or credentials names one", async () => {
    await awsFile('config', '[default]\noutput = json\n\n[profile work]\nregion = eu-north-1\n');
    expect(() => textractRegion({})).toThrow(ConfigError);
    vi.stubEnv('AWS_PROFILE', 'work');
    expect(textractRegion({})).toBeUndefined();
    expect(createTextractOcr().provider).toBe('aws.textract');
    vi.stubEnv('AWS_PROFILE', 'other');
    expect(() => textractRegion({})).toThrow(/set AWS_REGION/);
    await awsFile('credentials', '[other]\naws_access_key_id = AKIDTEST\nregion=us-west-2\n');
    expect(textractRegion({})).toBeUndefined();
  });

  it('honours AWS_CONFIG_FILE, as the SDK does', async () => {
    const file = join(home, 'aws-config');
    await writeFile(file, '[default]\nregion = us-east-2\n');
    vi.stubEnv('AWS_CONFIG_FILE', file);
    expect(textractRegion({})).toBeUndefined();
  });

  // Each in its own home: the SDK caches the shared files it read by path, for the life of the process.
  it('reaches Textract with a region from the profile alone', async () => {
    await awsFile('config', '[default]\nregion = us-east-1\n');
    server.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
    const provider = textractAt(server.endpoint, { region: undefined });
    expect((await provider.recognize(await singlePage(), {})).usage.pages).toBe(1);
    await provider.close?.();
  });

  it('reaches Textract with a region from AWS_DEFAULT_REGION alone', async () => {
    vi.stubEnv('AWS_DEFAULT_REGION', 'us-east-1');
    server.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
    const provider = textractAt(server.endpoint, { region: undefined });
    expect((await provider.recognize(await singlePage(), {})).usage.pages).toBe(1);
    await provider.close?.();
  });
});

const singlePage = () => loadDocument(new URL('../../fixtures/documents/single-page-1.png', import.meta.url));
