import type { EventEnvelope } from '@agora/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { deliverWithRetry, PoisonMessageError } from './delivery.js';

const logger = pino({ level: 'silent' });
const event: EventEnvelope = {
  id: '01a20eb5-b89d-709d-8bf2-787d8dfcba9f',
  topic: 'auth.user.registered.v1',
  key: 'k',
  occurredAt: new Date().toISOString(),
  requestId: 'req-1',
  payload: { userId: 'u', email: 'e@x.io', login: 'l', registeredAt: new Date().toISOString() },
};

describe('deliverWithRetry', () => {
  it('retries transient failures, then succeeds without dead-lettering', async () => {
    let calls = 0;
    const dead: string[] = [];
    await deliverWithRetry(
      event,
      () => {
        calls += 1;
        return calls < 3 ? Promise.reject(new Error('database down')) : Promise.resolve();
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, error) => {
        dead.push(error.message);
        return Promise.resolve();
      },
      logger,
    );
    expect(calls).toBe(3);
    expect(dead).toEqual([]);
  });

  it('dead-letters after the last attempt instead of looping', async () => {
    let calls = 0;
    const dead: { error: string; attempts: number }[] = [];
    await deliverWithRetry(
      event,
      () => {
        calls += 1;
        return Promise.reject(new Error('always fails'));
      },
      { maxAttempts: 3, baseDelayMs: 1 },
      (_event, error, attempts) => {
        dead.push({ error: error.message, attempts });
        return Promise.resolve();
      },
      logger,
    );
    expect(calls).toBe(3);
    expect(dead).toEqual([{ error: 'always fails', attempts: 3 }]);
  });

  it('dead-letters poison messages at once and runs handlers with the producer request id', async () => {
    const { currentRequestId } = await import('@agora/logging');
    let seenRequestId: string | undefined;
    const dead: number[] = [];
    await deliverWithRetry(
      event,
      () => {
        seenRequestId = currentRequestId();
        return Promise.reject(new PoisonMessageError('bad payload'));
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, _error, attempts) => {
        dead.push(attempts);
        return Promise.resolve();
      },
      logger,
    );
    expect(dead).toEqual([1]);
    expect(seenRequestId).toBe('req-1');
  });

  it('dead-letters at once an error named PoisonMessageError from a lib that does not import the bus', async () => {
    class ForeignPoison extends Error {
      override readonly name = 'PoisonMessageError';
    }
    let calls = 0;
    const dead: number[] = [];
    await deliverWithRetry(
      event,
      () => {
        calls += 1;
        return Promise.reject(new ForeignPoison('bad revocation payload'));
      },
      { maxAttempts: 5, baseDelayMs: 1 },
      (_event, _error, attempts) => {
        dead.push(attempts);
        return Promise.resolve();
      },
      logger,
    );
    expect(calls).toBe(1);
    expect(dead).toEqual([1]);
  });
});
