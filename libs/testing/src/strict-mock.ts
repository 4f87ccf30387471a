import type { Tx, UnitOfWork } from '@agora/database';
import { expect } from 'vitest';

/**
 * A stand-in for a dependency that knows only the members a test gives it (Immich's `newTestService`
 * style): touching any other member throws, so a service that calls something unexpected fails its test.
 */
export function strictMock<T extends object>(name: string, members: Partial<T> = {}): T {
  return new Proxy(members, {
    get(target, key) {
      if (key in target) {
        return (target as Record<string | symbol, unknown>)[key];
      }
      // Promise resolution and test printers probe these on any value.
      if (key === 'then' || key === 'asymmetricMatch' || key === 'nodeType' || typeof key === 'symbol') {
        return undefined;
      }
      throw new Error(`unexpected use of ${name}.${String(key)}`);
    },
  }) as T;
}

/** A unit of work whose `run` does the work at once on `tx`, with no transaction around it. */
export function inlineUnitOfWork(tx: Tx): UnitOfWork {
  return strictMock<UnitOfWork>('UnitOfWork', { run: (work) => work(tx) });
}

/** The error `promise` rejects with, checked to be an `errorClass` (fails the test if it resolves). */
export async function rejectionOf<E extends Error>(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => E,
): Promise<E> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(errorClass);
  return error as E;
}
