import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI caches stage results in ./.docpipe/cache by default; each test run gets an empty
    // cache of its own instead, so no test is served a result an earlier run left.
    env: { DOCPIPE_CACHE_DIR: mkdtempSync(join(tmpdir(), 'docpipe-test-cache-')) },
    typecheck: {
      enabled: true,
      include: ['tests/**/*.test-d.ts'],
      tsconfig: './tsconfig.json',
    },
    testTimeout: 20_000,
  },
});
