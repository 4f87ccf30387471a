import type { Logger } from 'pino';
import type { KafkaBus, KafkaBusOptions } from './kafka.bus.js';

// kafkajs (about 140 modules) loads with the first of these calls, not with the library: a process on the
// in-process bus (`npm start` without KAFKA_BROKERS) never loads it.
export type { KafkaBus, KafkaBusOptions };

/** A Kafka bus, not yet connected (`connect()` it). */
export async function createKafkaBus(options: KafkaBusOptions, logger: Logger): Promise<KafkaBus> {
  const { KafkaBus: Bus } = await import('./kafka.bus.js');
  return new Bus(options, logger);
}

/** See kafka.bus.ts's `ensureTopics`: every topic and its dead-letter topic; resolves with those it created. */
export async function ensureTopics(
  ...args: Parameters<typeof import('./kafka.bus.js').ensureTopics>
): Promise<string[]> {
  const { ensureTopics: ensure } = await import('./kafka.bus.js');
  return ensure(...args);
}
