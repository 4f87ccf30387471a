import type { ProblemExtras } from '@agora/http';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Counter, RateLimitStore } from './rate-limit-store.js';
import { RateLimitErrorCode, RateLimitException } from './rate-limit.errors.js';

/** Nest token of the service's RateLimitStore (memory, or Redis with REDIS_URL). */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

export interface RateLimitAnswer {
  /** Human-readable reason; "try again in N s" is appended. */
  readonly detail?: string;
}

/** Whole seconds until a window ends, at least 1 (the value of `Retry-After`). */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}

/** `Retry-After` (header) and `retryAfter` (member), both in whole seconds, for any 429 of a domain. */
export function retryAfterExtras(remainingMs: number): ProblemExtras & { readonly retryAfter: number } {
  const retryAfter = retryAfterSeconds(remainingMs);
  return { retryAfter, extensions: { retryAfter }, headers: { 'retry-after': String(retryAfter) } };
}

/** `429` problem+json RATE_LIMITED with `Retry-After` (header) and `retryAfter` (member), both in seconds. */
export function rateLimited(remainingMs: number, answer: RateLimitAnswer = {}): RateLimitException {
  const { retryAfter, ...extras } = retryAfterExtras(remainingMs);
  return new RateLimitException(
    RateLimitErrorCode.RATE_LIMITED,
    `${answer.detail ?? 'Too many requests'}; try again in ${retryAfter} s`,
    extras,
  );
}

/**
 * Fixed-window limits on any key (an address, an account, an e-mail), shared by a service's replicas when
 * REDIS_URL is set. Routes usually take it through `@RateLimit()`; services call it for limits that need
 * the outcome of the request (failed sign-ins, wrong codes).
 */
@Injectable()
export class RateLimiter implements OnApplicationShutdown {
  constructor(@Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore) {}

  /**
   * Counts one request against `key`: the first `limit` within `windowMs` pass, later ones are refused
   * with 429 until the window ends. Counting comes first, so of N parallel requests exactly `limit` pass.
   */
  async consume(key: string, limit: number, windowMs: number, answer?: RateLimitAnswer): Promise<Counter> {
    const counter = await this.store.increment(key, windowMs);
    if (counter.count > limit) {
      throw rateLimited(counter.remainingMs, answer);
    }
    return counter;
  }

  /** 429 when `key` has already used `limit` in its window; counts nothing. */
  async assertBelow(key: string, limit: number, answer?: RateLimitAnswer): Promise<void> {
    const counter = await this.store.get(key);
    if (counter.count >= limit) {
      throw rateLimited(counter.remainingMs, answer);
    }
  }

  /** Counts one without refusing (the caller decides from the count). */
  hit(key: string, windowMs: number): Promise<Counter> {
    return this.store.increment(key, windowMs);
  }

  peek(key: string): Promise<Counter> {
    return this.store.get(key);
  }

  /** Gives back one counted request (e.g. a sign-in that turned out right). */
  refund(key: string): Promise<void> {
    return this.store.decrement(key);
  }

  reset(key: string): Promise<void> {
    return this.store.reset(key);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
