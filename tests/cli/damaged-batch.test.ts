/**
 * `docpipe batch` as a user runs it, in a child process, over a folder holding damaged files beside good ones:
 * what can be read is read, what cannot fails with one clear sentence each, and the process exits.
 */
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { runCliChild } from '../support/run-cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const fixture = (name: string) => join(ROOT, 'tests/fixtures', name);

it('fails each damaged file of a batch with its reason, collates the good ones, and exits', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'docpipe-damaged-batch-'));
  const inputs = join(dir, 'in');
  await mkdir(inputs);
  await copyFile(fixture('documents/receipt.jpg'), join(inputs, 'receipt.jpg'));
  await copyFile(fixture('pdfs/gpt4v-invoice.pdf'), join(inputs, 'invoice.pdf'));
  const pdf = await readFile(fixture('pdfs/contoso-invoice-1.pdf'));
  await writeFile(join(inputs, 'truncated.pdf'), pdf.subarray(0, 20_000));
  const png = Buffer.from(await readFile(fixture('documents/single-page-1.png')));
  // A cut-off download: the header, and none of the pixels.
  await writeFile(join(inputs, 'truncated.png'), png.subarray(0, 2_000));
  // A bad checksum leaves the pixels whole: it is read, as an image viewer shows it.
  const checksum = png.indexOf('IDAT') + 4 + 16_384;
  png.writeUInt8(png.readUInt8(checksum) ^ 0xff, checksum);
  await writeFile(join(inputs, 'bad-checksum.png'), png);
  const schema = {
    type: 'object',
    properties: { invoice_number: { type: ['string', 'null'] }, total: { type: ['number', 'null'] } },
    required: ['invoice_number', 'total'],
  };
  await writeFile(join(dir, 'schema.json'), JSON.stringify(schema));

  // The deadline is the test's: a batch that never exits fails here instead of hanging the suite.
  const { code, stderr } = await runCliChild(
    ['batch', 'in', '--schema', 'schema.json', '--name', 'mixed', '--concurrency', '2'],
    { cwd: dir, env: { ...process.env, DOCPIPE_CACHE_DIR: join(dir, 'cache') }, deadlineMs: 50_000 },
  );

  expect(code).toBe(1);
  expect(stderr).toContain('2 of 5 documents failed');
  const errors = JSON.parse(await readFile(join(dir, 'runs/mixed/v0/errors.json'), 'utf8')) as {
    item: string;
    code: string;
    message: string;
  }[];
  expect(errors.map(({ item, code: errorCode }) => [item, errorCode]).sort()).toEqual([
    ['truncated.pdf', 'input'],
    ['truncated.png', 'input'],
  ]);
  expect(errors.find((error) => error.item === 'truncated.png')?.message).toMatch(
    /^truncated\.png cannot be decoded \(/,
  );
  const results = JSON.parse(await readFile(join(dir, 'runs/mixed/v0/collated/results.json'), 'utf8')) as {
    id: string;
  }[];
  expect(results.map((result) => result.id).sort()).toEqual([
    'bad-checksum.png',
    'invoice.pdf',
    'receipt.jpg',
  ]);
}, 60_000);
