/**
 * The Redis behind a distributed batch: how BullMQ and docpipe connect to it, a check that it answers
 * before any work starts, and a watch that stops a coordinator or worker that lost it for too long.
 *
 * @module
 */
import { Redis, type RedisOptions } from 'ioredis';
import { ConfigError, DocpipeError, messageOf } from '../../spec/errors.js';

/** Where the queue is: a Redis URL, `redis://[[user]:password@]host[:port][/db]` or `rediss://` for TLS. */
export interface QueueConnection {
  /** The Redis server the queue lives in. */
  readonly url: string;
  /** The BullMQ queue's name: coordinators and workers of one pool use the same. @default 'docpipe' */
  readonly queueName?: string;
  /**
   * How long Redis may be unreachable during a run before the coordinator or worker gives up with a
   * message (they reconnect meanwhile; nothing is lost while they wait). @default 60000
   */
  readonly reconnectTimeoutMs?: number;
}

/** The queue every coordinator and worker uses unless told otherwise. */
export const DEFAULT_QUEUE_NAME = 'docpipe';
/** The default of {@link QueueConnection.reconnectTimeoutMs}. */
export const DEFAULT_RECONNECT_TIMEOUT_MS = 60_000;
const CONNECT_TIMEOUT_MS = 5_000;

/** The Redis could not be reached, at the start or for longer than the run waits for it. */
export class QueueConnectionError extends DocpipeError {
  constructor(message: string, options: { readonly cause?: unknown } = {}) {
    super('batch', message, options);
  }
}

/** A connection's settings, checked. */
export interface ResolvedConnection {
  readonly url: string;
  /** The URL without its password, for messages. */
  readonly shownUrl: string;
  readonly queueName: string;
  readonly reconnectTimeoutMs: number;
}

/**
 * The connection settings, checked.
 *
 * @throws {ConfigError} when the URL is not a Redis URL, or the queue name is unusable
 */
export function resolveConnection(connection: QueueConnection | string): ResolvedConnection {
  const given = typeof connection === 'string' ? { url: connection } : connection;
  const url = given.url;
  if (typeof url !== 'string' || !/^rediss?:\/\/[^\s]+$/.test(url)) {
    throw new ConfigError(
      'The queue must be a Redis URL such as redis://localhost:6379 (or rediss:// for TLS); check --queue.',
      { option: '--queue' },
    );
  }
  const queueName = given.queueName ?? DEFAULT_QUEUE_NAME;
  if (!/^[\w.-]+$/.test(queueName)) {
    throw new ConfigError(
      `The queue name '${queueName}' may hold only letters, digits, '.', '_' and '-'; choose another.`,
      { option: 'queueName' },
    );
  }
  const reconnectTimeoutMs = given.reconnectTimeoutMs ?? DEFAULT_RECONNECT_TIMEOUT_MS;
  if (!Number.isFinite(reconnectTimeoutMs) || reconnectTimeoutMs < 0) {
    throw new ConfigError(`reconnectTimeoutMs must be a number of milliseconds, got ${reconnectTimeoutMs}.`, {
      option: 'reconnectTimeoutMs',
    });
  }
  return { url, shownUrl: withoutPassword(url), queueName, reconnectTimeoutMs };
}

/** `url` with its password (if any) replaced by `***`: URLs are named in messages and logs. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.href.replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/**
 * The ioredis options of every BullMQ connection: commands wait while Redis is away
 * (`maxRetriesPerRequest: null`, which BullMQ's workers need anyway) and the client keeps reconnecting,
 * at most every 2 s; {@link RedisWatch} decides when waiting has lasted too long.
 */
export function bullConnection(connection: ResolvedConnection): RedisOptions & { url: string } {
  return {
    url: connection.url,
    maxRetriesPerRequest: null,
    connectTimeout: CONNECT_TIMEOUT_MS,
    retryStrategy: (times: number) => Math.min(200 * times, 2_000),
  };
}

/**
 * Resolves once Redis answers PING.
 *
 * @throws {QueueConnectionError} naming the URL when it does not, within 5 s
 */
export async function checkReachable(connection: ResolvedConnection, option = '--queue'): Promise<void> {
  const client = new Redis(connection.url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    commandTimeout: CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  // Failures come back through connect(); an 'error' event unlistened to would be thrown.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new QueueConnectionError(
      `Cannot reach Redis at ${connection.shownUrl} (${messageOf(error)}); start redis-server there, or check ${option}.`,
      { cause: error },
    );
  } finally {
    client.disconnect();
  }
}

/** Options of {@link RedisWatch}. */
export interface RedisWatchOptions {
  /** How often Redis is pinged. @default 1000 */
  readonly intervalMs?: number;
  /** Called once when Redis has been unreachable for longer than the connection's `reconnectTimeoutMs`. */
  readonly onLost: (error: QueueConnectionError) => void;
  /** Called when Redis answers again after it did not. */
  readonly onRestored?: () => void;
  /** Called when Redis first stops answering. */
  readonly onDown?: (reason: string) => void;
}

/**
 * Pings Redis on a connection of its own and tells when it has been away too long: BullMQ's clients
 * reconnect by themselves and their commands wait meanwhile, so without a watch a lost Redis would make
 * the run wait for ever.
 */
export class RedisWatch {
  readonly #client: Redis;
  readonly #timer: NodeJS.Timeout;
  #downSince: number | undefined;
  #lastError = '';
  #lost = false;
  #pinging = false;

  constructor(
    private readonly connection: ResolvedConnection,
    private readonly options: RedisWatchOptions,
  ) {
    const intervalMs = options.intervalMs ?? 1_000;
    this.#client = new Redis(connection.url, {
      connectTimeout: Math.max(intervalMs, 1_000),
      commandTimeout: Math.max(intervalMs, 1_000),
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => intervalMs,
    });
    this.#client.on('error', (error: Error) => {
      this.#lastError = error.message;
    });
    this.#timer = setInterval(() => void this.#ping(), intervalMs);
    this.#timer.unref();
  }

  /** Whether Redis did not answer the last ping. */
  get down(): boolean {
    return this.#downSince !== undefined;
  }

  async #ping(): Promise<void> {
    if (this.#pinging || this.#lost) return;
    this.#pinging = true;
    try {
      await this.#client.ping();
      if (this.#downSince !== undefined) {
        this.#downSince = undefined;
        this.options.onRestored?.();
      }
    } catch (error) {
      this.#lastError = messageOf(error);
      const now = performance.now();
      if (this.#downSince === undefined) {
        this.#downSince = now;
        this.options.onDown?.(this.#lastError);
      } else if (now - this.#downSince > this.connection.reconnectTimeoutMs) {
        this.#lost = true;
        const seconds = Math.round(this.connection.reconnectTimeoutMs / 1000);
        this.options.onLost(
          new QueueConnectionError(
            `Lost Redis at ${this.connection.shownUrl} for more than ${seconds} s (${this.#lastError}); stopped waiting for it.`,
          ),
        );
      }
    } finally {
      this.#pinging = false;
    }
  }

  /** Stops pinging and closes the watch's connection. */
  close(): void {
    clearInterval(this.#timer);
    this.#client.disconnect();
  }
}
