// `npm run kafka:topics`: creates every topic of @agora/contracts and its `.dlq` on KAFKA_BROKERS
// (127.0.0.1:9092 by default) with KAFKA_TOPIC_PARTITIONS partitions (3 by default) when missing, and raises
// existing topics with fewer to that many; safe to run again. Services also create missing topics when they
// connect.
import 'reflect-metadata';
import { loadConfig, processEnvironment } from '@agora/config';
import { ALL_TOPICS, deadLetterTopic } from '@agora/contracts';
import { ensureTopics, growTopicPartitions } from './kafka.bus.js';
import { TopicsConfig } from './topics.config.js';

try {
  const { KAFKA_BROKERS, KAFKA_TOPIC_PARTITIONS } = loadConfig(TopicsConfig, processEnvironment());
  const created = await ensureTopics(KAFKA_BROKERS, ALL_TOPICS, KAFKA_TOPIC_PARTITIONS);
  const grown = await growTopicPartitions(KAFKA_BROKERS, KAFKA_TOPIC_PARTITIONS);
  const total = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]).length;
  console.log(
    `kafka topics on ${KAFKA_BROKERS.join(',')} (${KAFKA_TOPIC_PARTITIONS} partitions): ` +
      `${created.length} created, ${grown.length} grown, ${total - created.length} already there` +
      [...created, ...grown].map((line) => `\n  ${line}`).join(''),
  );
} catch (error) {
  console.error(`kafka:topics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
