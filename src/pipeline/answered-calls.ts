/**
 * The provider requests of one document's run that were answered, so that none is paid for twice: a stage
 * attempted again after a timeout, a batch item resumed after a crash, or a failed run given its
 * `StageError.answeredCalls`, takes the answer of an identical request instead of sending it.
 *
 * @module
 */
import { createHash } from 'node:crypto';
import type { AnsweredCall } from '../spec/errors.js';
import { canonicalJson } from '../util/canonical-json.js';

/** Receives each answer as it comes, e.g. to store it beside a batch item; the stage goes on once it resolves. */
export type CallAnsweredListener = (call: AnsweredCall) => void | Promise<void>;

/** An answered call whose key is computed only when something needs it. */
export interface PendingAnswer {
  readonly stageId: string;
  readonly key: () => string;
  readonly answer: unknown;
}

/**
 * The answered calls of one document's run. Keys are hashes of whole requests (a part of a document, its prompt
 * and schema), so they are computed only when needed: to look an answer up (when earlier answers were given, or
 * a stage is attempted again), to report one to a listener, or to hand them over in a `StageError`. A run that
 * goes through at the first attempt hashes nothing.
 */
export class AnsweredCalls {
  readonly #byKey = new Map<string, AnsweredCall>();
  readonly #pending: PendingAnswer[] = [];
  #lookups: boolean;

  /** Starts with the calls answered in an earlier attempt at the document. */
  constructor(earlier: readonly AnsweredCall[] = []) {
    for (const call of earlier) this.#byKey.set(call.key, call);
    this.#lookups = earlier.length > 0;
  }

  /** The answer to the request of this key, when one may have been given: earlier, or in an earlier attempt. */
  answerOf(key: () => string): AnsweredCall | undefined {
    if (!this.#lookups) return undefined;
    this.#settle();
    return this.#byKey.get(key());
  }

  /** Keeps an answer; its key is computed when it is looked up or handed over. */
  add(call: PendingAnswer): void {
    this.#pending.push(call);
  }

  /** A stage is attempted again: its requests may now match the answers of the attempt before. */
  attemptAgain(): void {
    this.#lookups = true;
  }

  /** Forgets a finished stage's calls: its output stands for them now. */
  forgetStage(stageId: string): void {
    const others = this.#pending.filter((call) => call.stageId !== stageId);
    this.#pending.splice(0, this.#pending.length, ...others);
    for (const [key, call] of this.#byKey) if (call.stageId === stageId) this.#byKey.delete(key);
  }

  /** Every call answered and not yet superseded by its stage's output. */
  all(): AnsweredCall[] {
    this.#settle();
    return [...this.#byKey.values()];
  }

  #settle(): void {
    for (const call of this.#pending.splice(0)) this.#byKey.set(call.key(), keyed(call));
  }
}

/** The call with its key computed. */
export function keyed(call: PendingAnswer): AnsweredCall {
  return { stageId: call.stageId, key: call.key(), answer: call.answer };
}

/**
 * The keys of one stage attempt's requests: the sha256 of the `scope` (what decides every answer of the stage for
 * this document: its cache key), the request as canonical JSON, and how many identical requests the attempt made
 * before it. A document whose parts read the same (a long run of one character) sends each of them, as a run
 * without answers kept would; the stage makes its requests in a fixed order, so a later attempt finds the keys.
 * Each key is computed when first asked for, those before it first.
 */
export class RequestKeys {
  readonly #scope: () => string;
  readonly #requests: unknown[] = [];
  readonly #keys: string[] = [];
  readonly #asked = new Map<string, number>();

  constructor(scope: () => string) {
    this.#scope = scope;
  }

  /** The key of the attempt's next request, computed when called. */
  next(request: unknown): () => string {
    const position = this.#requests.push(request) - 1;
    return () => this.#keyAt(position);
  }

  #keyAt(position: number): string {
    while (this.#keys.length <= position) {
      const asked = sha256(canonicalJson(this.#requests[this.#keys.length]));
      const before = this.#asked.get(asked) ?? 0;
      this.#asked.set(asked, before + 1);
      this.#keys.push(sha256(canonicalJson({ scope: this.#scope(), request: asked, before })));
    }
    return this.#keys[position] as string;
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
