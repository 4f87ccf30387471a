import type { Strategy } from 'passport';

/** How one run of a passport strategy ended. */
export type StrategyOutcome =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'success'; readonly user: unknown; readonly info: unknown }
  | { readonly kind: 'fail'; readonly challenge: unknown; readonly status: number | undefined }
  | { readonly kind: 'error'; readonly error: unknown };

/** The request fields passport's OAuth 2.0 strategy reads, plus what our state store needs. */
export interface StrategyRequest {
  readonly query: Readonly<Record<string, unknown>>;
}

/**
 * A strategy with the actions passport's middleware attaches before `authenticate` (passport/lib/middleware);
 * passport's typings want an Express request there, the OAuth 2.0 strategy reads only `query` (and our store).
 */
interface RunnableStrategy {
  authenticate(request: StrategyRequest, options: Readonly<Record<string, unknown>>): void;
  success(user: unknown, info?: unknown): void;
  fail(challenge?: unknown, status?: number): void;
  redirect(url: string, status?: number): void;
  pass(): void;
  error(error: unknown): void;
}

/**
 * Runs a passport strategy the way passport's own middleware does (a per-request object whose prototype is
 * the strategy, with the five actions attached), but answers with a value instead of writing to an Express
 * response, which Fastify does not have. The controller then turns the outcome into a reply.
 */
export function runStrategy(
  strategy: Strategy,
  request: StrategyRequest,
  options: Readonly<Record<string, unknown>> = {},
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    const attempt = Object.create(strategy) as RunnableStrategy;
    attempt.success = (user, info) => resolve({ kind: 'success', user, info });
    attempt.fail = (challenge, status) => resolve({ kind: 'fail', challenge, status });
    attempt.redirect = (location) => resolve({ kind: 'redirect', location });
    attempt.pass = () => resolve({ kind: 'fail', challenge: undefined, status: undefined });
    attempt.error = (error) => resolve({ kind: 'error', error });
    try {
      attempt.authenticate(request, options);
    } catch (error) {
      resolve({ kind: 'error', error });
    }
  });
}
