// The smaller CLI fixes of issue 13: `runs list` after a default batch, progress from the start,
// page separators on a terminal, and no AWS SDK Node-version notice.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProgressDisplay, startingProgress } from '../../src/batch/progress.js';
import { runCli } from '../../src/cli/program.js';
import { RunStore } from '../../src/runs/index.js';
import { tempRunsDir } from '../runs/support.js';
import { type OpenAIServer, startOpenAIServer } from '../support/openai-server.js';
import { cli, runCliChild } from '../support/run-cli.js';
import { replay, startTextractServer, type TextractServer } from '../support/textract-server.js';

const TWO_PAGES = 'tests/fixtures/documents/textractor-multipage-doc.pdf';

describe('docpipe runs list after default batches', () => {
  it('lists every version of a run that has none labelled beta, rc or final, and says so', async () => {
    const runsDir = await tempRunsDir();
    const store = new RunStore(runsDir);
    for (const [name, label] of [
      ['drafts', undefined],
      ['drafts', undefined],
      ['vouched', 'rc'],
      ['vouched', undefined],
    ] as const) {
      const version = await store.createVersion(name, {
        mode: 'initial',
        config: {},
        itemIds: ['a'],
        ...(label ? { label } : {}),
      });
      await version.release();
    }

    const listed = await cli('runs', 'list', '--runs-dir', runsDir);
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe(
      'drafts has no version labelled beta, rc or final; listing all its versions (drafts included).\n',
    );
    const rows = listed.stdout.split('\n').slice(1, -2);
    expect(rows).toEqual([
      expect.stringMatching(/^drafts +v0 +draft /),
      expect.stringMatching(/^drafts +v1 \* +draft /),
      // A run with a vouched-for version still shows only those.
      expect.stringMatching(/^vouched +v0 +rc /),
    ]);

    const json = await cli('runs', 'list', 'drafts', '--json', '--runs-dir', runsDir);
    expect(JSON.parse(json.stdout)[0].versions.map((v: { version: string }) => v.version)).toEqual([
      'v0',
      'v1',
    ]);

    // A label asked for is a strict filter.
    expect(await cli('runs', 'list', 'drafts', '--label', 'final', '--runs-dir', runsDir)).toEqual({
      code: 0,
      stdout: '',
      stderr: 'No versions labelled final; --all lists all 2 versions.\n',
    });
  });
});

describe('docpipe batch progress', () => {
  let server: OpenAIServer;
  beforeAll(async () => {
    server = await startOpenAIServer();
  });
  afterAll(() => server.close());

  it('starts at 0/N before the first document finishes, and leaves --only out of the count', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-small-things-'));
    await mkdir(join(dir, 'docs'));
    for (let n = 1; n <= 5; n++) await writeFile(join(dir, 'docs', `doc-${n}.txt`), `Invoice no. ${n}\n`);
    await writeFile(
      join(dir, 'schema.json'),
      JSON.stringify({ type: 'object', properties: { n: { type: 'string' } }, required: ['n'] }),
    );
    server.respondWith(() => ({ kind: 'json', value: { n: 'x' } }));
    const args = ['--schema', join(dir, 'schema.json'), '--stages', 'llm', '--llm', 'openai'];
    const run = await cli(
      'batch',
      join(dir, 'docs'),
      '--name',
      'inv',
      '--only',
      'doc-2.txt,doc-4.txt',
      ...args,
      '--base-url',
      server.url,
      '--runs-dir',
      join(dir, 'runs'),
      '--no-cache',
    );
    expect(run.stderr).not.toContain('docpipe: warning');
    expect(run.code).toBe(0);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^docpipe: 0\/2 documents · 0 succeeded, 0 failed, 0 skipped · .* · ETA …$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^docpipe: 2\/2 documents · 2 succeeded, 0 failed, 3 skipped · /),
    );
    expect(lines).toContainEqual(expect.stringMatching(/^5 documents: 2 succeeded, 0 failed, 3 skipped · /));
  });

  it('counts the pages of documents served from the cache, as a run that recognised them does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'docpipe-small-things-'));
    await writeFile(
      join(dir, 'schema.json'),
      JSON.stringify({ type: 'object', properties: { n: { type: ['string', 'null'] } } }),
    );
    const batch = (name: string) =>
      cli(
        ...['batch', TWO_PAGES, '--name', name, '--schema', join(dir, 'schema.json'), '--llm', 'heuristic'],
        ...['--ocr', 'pdf-text', '--runs-dir', join(dir, 'runs'), '--cache-dir', join(dir, 'cache')],
      );
    const summary = (run: { stderr: string }) =>
      run.stderr
        .split('\n')
        .find((line) => line.startsWith('1 documents:') || line.startsWith('1 document:'));
    const first = await batch('paid');
    const second = await batch('cached');
    expect(summary(first)).toContain(' · 2 pages · ');
    expect(summary(second)).toContain(' · 2 pages · ');
    expect(summary(second)).toContain('from cache');
  });

  it('writes the starting line at once, then the first finished item without waiting for the interval', () => {
    const writes: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, callback) {
        writes.push(String(chunk));
        callback();
      },
    });
    const display = createProgressDisplay(stream, { leftOut: 1, now: () => 0 });
    display.start(startingProgress(3));
    display.update({ ...startingProgress(3), skipped: 1 }); // the left-out item: nothing new to say
    display.update({ ...startingProgress(3), skipped: 1, done: 1, elapsedMs: 500 });
    display.update({ ...startingProgress(3), skipped: 1, done: 1, failed: 1, elapsedMs: 900 });
    expect(writes).toEqual([
      expect.stringMatching(/^docpipe: 0\/2 documents · 0 succeeded, 0 failed, 0 skipped · /),
      expect.stringMatching(
        /^docpipe: 1\/2 documents · 1 succeeded, 0 failed, 1 skipped · .* · ETA 0\.5 s\n$/,
      ),
      expect.stringMatching(/^docpipe: 2\/2 documents · 1 succeeded, 1 failed, 1 skipped · /),
    ]);
  });

  it('draws the bar over the chosen items only', () => {
    vi.useFakeTimers();
    try {
      const writes: string[] = [];
      const stream = Object.assign(
        new Writable({
          write(chunk, _encoding, callback) {
            writes.push(String(chunk));
            callback();
          },
        }),
        { isTTY: true, columns: 200 },
      );
      const display = createProgressDisplay(stream, { leftOut: 8 });
      // Two of ten items chosen; six left-out ones reached so far, one chosen item done.
      display.update({ ...startingProgress(10), done: 1, skipped: 6, elapsedMs: 1_000 });
      display.finish({ ...startingProgress(10), done: 2, skipped: 8, elapsedMs: 2_000 });
      expect(writes.find((text) => text.startsWith('docpipe '))).toMatch(
        /^docpipe █{10}░{10} 50% 1\/2 \(1 done, 0 failed, 6 skipped\) · ETA 1\.0 s /,
      );
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('docpipe parse page separators', () => {
  async function parse(isTTY: boolean | undefined): Promise<string> {
    let stdout = '';
    const code = await runCli(['parse', TWO_PAGES, '--ocr', 'pdf-text', '--no-cache'], {
      stdout: { write: (text: string) => (stdout += text), ...(isTTY === undefined ? {} : { isTTY }) },
      stderr: { write: () => true },
    });
    expect(code).toBe(0);
    return stdout;
  }

  it('parts pages with a visible line on a terminal, and with a form feed otherwise', async () => {
    const terminal = await parse(true);
    expect(terminal).not.toContain('\f');
    expect(terminal.match(/\n──── page \d+ ────\n/g)).toEqual(['\n──── page 2 ────\n']);

    const piped = await parse(false);
    expect(piped.split('\f')).toHaveLength(2);
    expect(piped).not.toContain('────');
    expect(piped.replace('\f', '')).toBe(terminal.replace('\n──── page 2 ────\n', ''));
    // The in-process helper's io has no isTTY: not a terminal.
    expect(await parse(undefined)).toBe(piped);
    expect((await cli('parse', TWO_PAGES, '--ocr', 'pdf-text', '--no-cache')).stdout).toBe(piped);
  });
});

describe('the AWS SDK Node-version notice', () => {
  let textract: TextractServer;
  beforeAll(async () => {
    textract = await startTextractServer();
  });
  afterAll(() => textract.close());

  /** `docpipe parse --ocr textract` in a child process, with the SDK's switch as given. */
  function parseWithTextract(warningDisabled: string | undefined) {
    textract.answer('DetectDocumentText', replay('single-page-1.png.DetectDocumentText.json'));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AWS_ENDPOINT_URL_TEXTRACT: textract.endpoint,
      AWS_ACCESS_KEY_ID: 'AKIDTEST',
      AWS_SECRET_ACCESS_KEY: 'test-secret',
      AWS_REGION: 'us-east-1',
    };
    delete env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED;
    if (warningDisabled !== undefined) env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = warningDisabled;
    return runCliChild(
      ['parse', 'tests/fixtures/documents/single-page-1.png', '--ocr', 'textract', '--no-cache'],
      {
        env,
        deadlineMs: 60_000,
      },
    );
  }

  it('is not printed by a Textract command', async () => {
    const run = await parseWithTextract(undefined);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Textractor');
  }, 60_000);

  // The control: on the Node versions the SDK warns about, it still warns when the user asks for it.
  it.runIf(Number(process.versions.node.split('.')[0]) < 22)(
    "is printed when the user sets the SDK's switch to false",
    async () => {
      const run = await parseWithTextract('false');
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('NodeVersionSupportWarning');
    },
    60_000,
  );
});
