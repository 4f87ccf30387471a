import type { PayloadOf, Topic } from '@agora/contracts';
import { currentRequestId, currentTraceparent } from '@agora/logging';
import type { EntityManager } from 'typeorm';
import { newId } from './agora.entity.js';

export function outboxChannel(schema: string): string {
  return `agora_outbox_${schema}`;
}

/**
 * Writes events into the service's outbox inside the caller's transaction, so an event exists if and
 * only if the change it describes was committed. The payload type is checked against the topic.
 */
export class OutboxWriter {
  constructor(private readonly schema: string) {}

  async add<T extends Topic>(
    manager: EntityManager,
    topic: T,
    key: string,
    payload: PayloadOf<T>,
  ): Promise<string> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error(`Outbox writes need an open transaction (topic ${topic})`);
    }
    const id = newId();
    const requestId = currentRequestId();
    // The writing request's span: the relay's publish span continues its trace, whenever it runs.
    const traceparent = currentTraceparent();
    const headers = { ...(requestId ? { requestId } : {}), ...(traceparent ? { traceparent } : {}) };
    await manager.query(
      `INSERT INTO "${this.schema}"."outbox" ("id", "topic", "key", "payload", "headers") VALUES ($1, $2, $3, $4, $5)`,
      [id, topic, key, JSON.stringify(payload), JSON.stringify(headers)],
    );
    // Delivered to the relay's LISTEN only when this transaction commits.
    await manager.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
    return id;
  }
}
