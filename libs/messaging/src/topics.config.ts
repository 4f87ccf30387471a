import { splitList } from '@agora/config';
import { Transform, Type } from 'class-transformer';
import { ArrayNotEmpty, IsInt, Matches, Max, Min } from 'class-validator';

/** Topics' partitions when nothing says otherwise (a service creating a missing topic, the local broker). */
export const DEFAULT_TOPIC_PARTITIONS = 3;

/** `npm run kafka:topics` (compose's kafka-init): where, and with how many partitions per topic. */
export class TopicsConfig {
  @Transform(splitList)
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must name at least one broker' })
  @Matches(/^[^:\s]+:\d+$/, {
    each: true,
    message: 'KAFKA_BROKERS must be a comma-separated list of host:port',
  })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  /**
   * Partitions of every topic and .dlq: the most replicas of one service that consume in parallel (a consumer
   * group gives each partition to one member). Topics with fewer get more; partitions are never removed.
   */
  @Type(() => Number)
  @IsInt({ message: 'KAFKA_TOPIC_PARTITIONS must be a whole number' })
  @Min(1, { message: 'KAFKA_TOPIC_PARTITIONS must be at least 1' })
  @Max(256, { message: 'KAFKA_TOPIC_PARTITIONS must be at most 256' })
  KAFKA_TOPIC_PARTITIONS = DEFAULT_TOPIC_PARTITIONS;
}
