import type { EventEnvelope } from '@agora/contracts';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { MemoryBus } from './memory.bus.js';

const event: EventEnvelope = {
  id: '01a20eb5-b89d-709d-8bf2-787d8dfcba9f',
  topic: 'auth.user.deleted.v1',
  key: 'u1',
  occurredAt: new Date().toISOString(),
  payload: { userId: 'u1', reason: 'deleted-by-admin', deletedAt: new Date().toISOString() },
};

describe('consumer servers', () => {
  it('hand an event to every handler an app has for its topic, in registration order', async () => {
    const bus = new MemoryBus(pino({ level: 'silent' }), { maxAttempts: 1, baseDelayMs: 1 });
    const server = bus.createConsumerServer('social-service');
    const calls: string[] = [];
    server.addHandler(
      event.topic,
      (received: EventEnvelope) => {
        calls.push(`profiles:${received.key}`);
        return Promise.resolve();
      },
      true,
    );
    server.addHandler(
      event.topic,
      (received: EventEnvelope) => {
        calls.push(`revocations:${received.key}`);
        return Promise.resolve();
      },
      true,
    );
    server.listen(() => undefined);
    bus.open();

    await bus.publish([event]);

    expect(calls).toEqual(['profiles:u1', 'revocations:u1']);
    expect(bus.deadLetters).toEqual([]);
    await bus.close();
  });

  it('dead-letters a payload that does not fit its schema before any handler sees it, and goes on', async () => {
    const bus = new MemoryBus(pino({ level: 'silent' }), { maxAttempts: 5, baseDelayMs: 1 });
    const server = bus.createConsumerServer('social-service');
    const seen: string[] = [];
    server.addHandler(
      event.topic,
      (received: EventEnvelope) => {
        seen.push(received.id);
        return Promise.resolve();
      },
      true,
    );
    server.listen(() => undefined);
    bus.open();
    const malformed = {
      ...event,
      id: '01a20eb5-b89d-709d-8bf2-787d8dfcba00',
      payload: { userId: 42, reason: 'bored' },
    } as unknown as EventEnvelope;

    await bus.publish([malformed, event]);

    expect(seen).toEqual([event.id]);
    expect(bus.deadLetters).toHaveLength(1);
    expect(bus.deadLetters[0]).toMatchObject({ topic: 'auth.user.deleted.v1.dlq', attempts: 1 });
    expect(bus.deadLetters[0].error).toMatch(
      /payload\.userId must be a string.*payload\.reason must be one of/,
    );
    await bus.close();
  });
});
