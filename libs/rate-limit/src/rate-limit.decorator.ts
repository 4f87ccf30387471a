import { ServiceConfig } from '@agora/config';
import { Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ApiRateLimitErrors, RateLimitErrorCode } from './rate-limit.errors.js';
import { RateLimiter } from './rate-limiter.js';

/** A number, or how to read it from the service's configuration (so each limit is a variable). */
export type Configured<C extends ServiceConfig, T> = T | ((config: C) => T);

/**
 * One limit on a route. Several `@RateLimit()` on one handler all apply, in source order; the first
 * that is exceeded answers 429 and the later ones are not counted.
 */
export interface RateLimitRule<C extends ServiceConfig = ServiceConfig> {
  /** Names the counter; unique across the platform, e.g. `auth.registration.ip`, `catalog.search.ip`. */
  readonly name: string;
  /** Requests allowed per window. */
  readonly limit: Configured<C, number>;
  readonly windowSeconds: Configured<C, number>;
  /**
   * Whose budget a request spends: `ip` (the client address, after TRUST_PROXY_HOPS), or a key taken from
   * the request (e.g. `byBodyField('email')`). A key function returning undefined skips the rule (the
   * request is then refused by validation anyway).
   */
  readonly by: 'ip' | ((request: FastifyRequest) => string | undefined);
  /** The 429's `detail`, e.g. 'Too many registrations from this address'. */
  readonly detail?: string;
}

const RATE_LIMIT_RULES = 'agora:rate-limit-rules';

function fieldOf(source: unknown, field: string): string | undefined {
  const value =
    typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' && value.length <= 1024 ? value.trim().toLowerCase() : undefined;
}

/** A key from a JSON body field, trimmed and lower-cased (e-mail addresses, logins). */
export function byBodyField(field: string): (request: FastifyRequest) => string | undefined {
  return (request) => fieldOf(request.body, field);
}

/** A key from a query parameter, trimmed and lower-cased. */
export function byQueryField(field: string): (request: FastifyRequest) => string | undefined {
  return (request) => fieldOf(request.query, field);
}

/**
 * Limits a route (method decorator): `429` problem+json `RATE_LIMITED` with `Retry-After` once the
 * budget of the window is spent. Counters live in Redis when REDIS_URL is set (shared by replicas), else
 * in memory; the service imports `RateLimitModule.forRoot()` once.
 *
 * ```ts
 * @Post()
 * @RateLimit<AuthConfig>({ name: 'auth.registration.ip', by: 'ip', limit: (c) => c.REGISTRATION_MAX_PER_IP, windowSeconds: 3600 })
 * @RateLimit({ name: 'auth.registration.email', by: byBodyField('email'), limit: 3, windowSeconds: 3600 })
 * register(@Body() dto: RegistrationDto) { … }
 * ```
 */
export function RateLimit<C extends ServiceConfig = ServiceConfig>(rule: RateLimitRule<C>): MethodDecorator {
  return (target, key, descriptor) => {
    const handler = descriptor.value as object;
    const existing = (Reflect.getMetadata(RATE_LIMIT_RULES, handler) as RateLimitRule[] | undefined) ?? [];
    // Decorators run bottom-up: prepend, so the rules apply in the order they are written.
    Reflect.defineMetadata(RATE_LIMIT_RULES, [rule, ...existing], handler);
    if (existing.length === 0) {
      UseGuards(RateLimitGuard)(target, key, descriptor);
      ApiRateLimitErrors(RateLimitErrorCode.RATE_LIMITED)(target, key, descriptor);
    }
  };
}

const valueOf = <T>(value: Configured<ServiceConfig, T>, config: ServiceConfig): T =>
  typeof value === 'function' ? (value as (config: ServiceConfig) => T)(config) : value;

/** Applies a handler's `@RateLimit()` rules; added by the decorator, never used alone. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly config: ServiceConfig,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rules =
      this.reflector.get<RateLimitRule[] | undefined>(RATE_LIMIT_RULES, context.getHandler()) ?? [];
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    for (const rule of rules) {
      const subject = rule.by === 'ip' ? request.ip : rule.by(request);
      if (subject === undefined) {
        continue;
      }
      await this.limiter.consume(
        `${rule.name}:${subject}`,
        valueOf(rule.limit, this.config),
        valueOf(rule.windowSeconds, this.config) * 1000,
        rule.detail ? { detail: rule.detail } : undefined,
      );
    }
    return true;
  }
}
