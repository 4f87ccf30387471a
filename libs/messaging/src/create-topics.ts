// `npm run kafka:topics`: creates every topic of @agora/contracts and its `.dlq` on KAFKA_BROKERS
// (127.0.0.1:9092 by default) when missing; safe to run again. Services also do it when they connect.
import 'reflect-metadata';
import { loadConfig, processEnvironment, splitList } from '@agora/config';
import { ALL_TOPICS, deadLetterTopic } from '@agora/contracts';
import { Transform } from 'class-transformer';
import { ArrayNotEmpty, Matches } from 'class-validator';
import { ensureTopics } from './kafka.bus.js';

class TopicsConfig {
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must name at least one broker' })
  @Matches(/^[^:\s]+:\d+$/, {
    each: true,
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];
}

try {
  const { KAFKA_BROKERS } = loadConfig(TopicsConfig, processEnvironment());
  const created = await ensureTopics(KAFKA_BROKERS);
  const total = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopic(topic)]).length;
  console.log(
    `kafka topics on ${KAFKA_BROKERS.join(',')}: ${created.length} created, ${total - created.length} already there` +
      (created.length > 0 ? `\n  ${created.join('\n  ')}` : ''),
  );
} catch (error) {
  console.error(`kafka:topics failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
