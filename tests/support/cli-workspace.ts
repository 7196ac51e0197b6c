import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Every variable through which a provider could find a key, a region or a profile.
const CREDENTIAL_VARIABLE = /^(AWS_|ANTHROPIC_|OPENAI_|AZURE_)/;

/**
 * A fresh folder to run the CLI in, and an environment without provider credentials, as on a machine with no
 * account: the CLI takes its offline defaults. HOME points into the folder, so no ~/.aws of the machine running
 * the tests is read, and the cache lives there too.
 */
export async function cliWorkspace(prefix: string): Promise<{ dir: string; env: NodeJS.ProcessEnv }> {
  const dir = await mkdtemp(join(tmpdir(), `docpipe-${prefix}-`));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !CREDENTIAL_VARIABLE.test(name)),
  );
  return { dir, env: { ...env, HOME: dir, USERPROFILE: dir, DOCPIPE_CACHE_DIR: join(dir, 'cache') } };
}
