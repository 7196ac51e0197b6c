/**
 * The answered provider calls of a queued job, kept in Redis while the job runs: a job handed on after its
 * worker died (`kill -9`, the OOM killer) asks only for what had not been answered, so a stage cut off halfway
 * — a long document's chunks, a PDF's Textract pages — is not paid for twice, as a resumed local batch keeps
 * them in `items/<id>/<stage>.parts/`.
 *
 * @module
 */
import type { Redis } from 'ioredis';
import type { AnsweredCall } from '../../spec/errors.js';

// Long enough for any job to be taken up again; an abandoned job's answers do not stay in Redis for ever.
const KEEP_SECONDS = 7 * 24 * 60 * 60;

/** The answers one job has, in a Redis hash by call key. */
export class JobAnswers {
  readonly #key: string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    jobId: string,
  ) {
    this.#key = `${prefix}:answers:${jobId}`;
  }

  /** The answers kept by earlier attempts at the job; one that cannot be read is left out (asked again). */
  async earlier(): Promise<AnsweredCall[]> {
    const stored = await this.redis.hvals(this.#key);
    return stored.flatMap((text) => {
      try {
        return [JSON.parse(text) as AnsweredCall];
      } catch {
        return [];
      }
    });
  }

  /** Keeps an answer as it comes; the stage goes on once it is stored. */
  async keep(call: AnsweredCall): Promise<void> {
    await this.redis
      .multi()
      .hset(this.#key, call.key, JSON.stringify(call))
      .expire(this.#key, KEEP_SECONDS)
      .exec();
  }

  /** Forgets them: the job is over, its result stands for them. */
  async forget(): Promise<void> {
    await this.redis.del(this.#key);
  }
}
