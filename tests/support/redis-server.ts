/**
 * A real `redis-server` (Debian's package) for the tests that need one: started on a free loopback
 * port with no persistence, answered a PING before the test goes on, and stopped after. When it is
 * not installed the Redis tests are skipped with the reason, except under `CI=true`, where that is
 * a failure: CI must not pass by skipping them.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer, Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether the Redis tests can run here, and if not, why. */
export interface RedisAvailability {
  readonly installed: boolean;
  /** Appended to a suite's name: empty when installed, else why it is skipped. */
  readonly skipNote: string;
}

/** A running `redis-server` of the test's own. */
export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>` */
  readonly url: string;
  /** Kills the server abruptly (SIGKILL), as a crash would, and waits until it is gone. */
  kill(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL if it lingers) and waits until it is gone. */
  stop(): Promise<void>;
}

// No snapshots, no append-only file, and in the foreground, so the test owns the process.
const IN_MEMORY_FOREGROUND = ['--save', '', '--appendonly', 'no', '--daemonize', 'no'];
const INSTALL_HINT = 'install it with `sudo apt-get install redis-server`';

/**
 * Looks for `redis-server` on the PATH.
 *
 * @throws {Error} under `CI=true` when it is missing
 */
export function findRedisServer(): RedisAvailability {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (!probe.error && probe.status === 0) return { installed: true, skipNote: '' };
  if (process.env.CI === 'true') {
    throw new Error(
      `redis-server is not installed, and CI=true requires the Redis tests to run: ${INSTALL_HINT}.`,
    );
  }
  return { installed: false, skipNote: ` (skipped: redis-server is not installed; ${INSTALL_HINT})` };
}

/** Starts `redis-server` on a free 127.0.0.1 port and resolves once it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  // A port found free can be taken before redis binds it; then another one is tried.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', ...IN_MEMORY_FOREGROUND],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = once(child, 'exit');
    const ready = await Promise.race([waitForPong(port).then(() => true), exited.then(() => false)]);
    if (ready) return runningServer(child, port, exited);
    if (attempt === 3) throw new Error(`redis-server did not start on port ${port}:\n${output}`);
  }
}

function runningServer(child: ChildProcess, port: number, exited: Promise<unknown>): RedisServer {
  const gone = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    await exited;
  };
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    kill: () => gone('SIGKILL'),
    async stop() {
      const lingering = setTimeout(() => child.kill('SIGKILL'), 2_000);
      await gone('SIGTERM');
      clearTimeout(lingering);
    },
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** Polls with PING until the server answers +PONG, for up to 10 s. */
async function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await pong(port))) {
    if (Date.now() > deadline)
      throw new Error(`redis-server on port ${port} did not answer PING within 10 s.`);
    await sleep(25);
  }
}

function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (answered: boolean) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
    socket.connect(port, '127.0.0.1', () => socket.write('PING\r\n'));
  });
}
