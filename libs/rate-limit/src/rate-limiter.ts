import { ProblemException } from '@agora/http';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Counter, RateLimitStore } from './rate-limit-store.js';

/** Nest token of the service's RateLimitStore (memory, or Redis with REDIS_URL). */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

export interface RateLimitAnswer {
  /** The problem's `code`; `RATE_LIMITED` unless a route keeps an older one (sign-in: `TOO_MANY_ATTEMPTS`). */
  readonly code?: string;
  /** Human-readable reason; "try again in N s" is appended. */
  readonly detail?: string;
}

/** Whole seconds until a window ends, at least 1 (the value of `Retry-After`). */
export function retryAfterSeconds(remainingMs: number): number {
  return Math.max(1, Math.ceil(remainingMs / 1000));
}

/** `429` problem+json with `Retry-After` (header) and `retryAfter` (member), both in seconds. */
export function rateLimited(remainingMs: number, answer: RateLimitAnswer = {}): ProblemException {
  const retryAfter = retryAfterSeconds(remainingMs);
  return new ProblemException(429, {
    code: answer.code ?? 'RATE_LIMITED',
    detail: `${answer.detail ?? 'Too many requests'}; try again in ${retryAfter} s`,
    extensions: { retryAfter },
    headers: { 'retry-after': String(retryAfter) },
  });
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
