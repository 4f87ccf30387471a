import { ALL_TOPICS, deadLetterTopic } from '@agora/contracts';
import { freePort, run } from '@agora/testing';
import kafkajs from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTopics, growTopicPartitions } from '../src/kafka.bus.js';

const kafkaScript = path.resolve(import.meta.dirname, '../../../infra/kafka/kafka.sh');

/** `npm run kafka:topics` with KAFKA_TOPIC_PARTITIONS: compose's kafka-init, on a real broker. */
describe('topic partitions', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'agora-partitions-'));
  const kafkaEnv: Record<string, string> = { KAFKA_DATA_DIR: path.join(work, 'kafka') };
  let brokers: string[];
  const topics = ALL_TOPICS.slice(0, 2);

  const partitionsOf = async (): Promise<Record<string, number>> => {
    const admin = new kafkajs.Kafka({ brokers, logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const names = topics.flatMap((topic) => [topic, deadLetterTopic(topic)]);
      const metadata = await admin.fetchTopicMetadata({ topics: names });
      return Object.fromEntries(metadata.topics.map((topic) => [topic.name, topic.partitions.length]));
    } finally {
      await admin.disconnect();
    }
  };

  beforeAll(async () => {
    kafkaEnv.KAFKA_PORT = String(await freePort());
    kafkaEnv.KAFKA_CONTROLLER_PORT = String(await freePort());
    brokers = [`127.0.0.1:${kafkaEnv.KAFKA_PORT}`];
    await run('bash', [kafkaScript, 'start'], kafkaEnv);
  }, 180_000);

  afterAll(async () => {
    await run('bash', [kafkaScript, 'stop'], kafkaEnv).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('creates topics with the partitions asked for, grows fewer to that many, and never shrinks', async () => {
    const created = await ensureTopics(brokers, topics, 2);
    expect(created.sort()).toEqual(topics.flatMap((topic) => [topic, deadLetterTopic(topic)]).sort());
    expect(new Set(Object.values(await partitionsOf()))).toEqual(new Set([2]));

    const grown = await growTopicPartitions(brokers, 4, topics);
    expect(grown).toHaveLength(topics.length * 2);
    expect(grown[0]).toMatch(/: 2 → 4$/);
    expect(new Set(Object.values(await partitionsOf()))).toEqual(new Set([4]));

    // Again, or with fewer: nothing to do (Kafka cannot remove partitions).
    expect(await growTopicPartitions(brokers, 4, topics)).toEqual([]);
    expect(await growTopicPartitions(brokers, 3, topics)).toEqual([]);
    expect(await ensureTopics(brokers, topics, 6)).toEqual([]);
    expect(new Set(Object.values(await partitionsOf()))).toEqual(new Set([4]));
  }, 120_000);
});
