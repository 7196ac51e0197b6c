/** For benchmarks that time the build users run (dist/), not the sources as tsx transforms them. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

/** Exits with a clear message when dist/ is missing or older than a file of src/: the numbers would be stale. */
export function requireFreshBuild(): void {
  const built = join(root, 'dist', 'index.js');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    exitWith('dist/ is missing: run `npm run build` first; this benchmark times the build, as users run it.');
  }
  const newer = newestSource(join(root, 'src'));
  if (newer.mtimeMs > builtAt) {
    exitWith(
      `${newer.path} is newer than dist/: run \`npm run build\` first, or the numbers are of older code.`,
    );
  }
}

function newestSource(directory: string): { path: string; mtimeMs: number } {
  let newest = { path: directory, mtimeMs: 0 };
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    const candidate = entry.isDirectory() ? newestSource(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

function exitWith(message: string): never {
  console.error(message);
  process.exit(1);
}
