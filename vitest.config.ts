import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI caches stage results in ./.docpipe/cache by default; each test run gets an empty
    // cache of its own instead, so no test is served a result an earlier run left.
    env: {
      DOCPIPE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'docpipe-test-cache-')),
      // The AWS SDK's notice that its releases after January 2027 need Node 22, printed by every test file that
      // makes a Textract or Bedrock client on Node 20: noise in the test log (tests/cli/cli-small-things checks
      // it with the switch set as a user would).
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    },
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
  },
});
