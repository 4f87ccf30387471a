/**
 * Every Kafka topic and its payload type. This file is the only place where topic names and payloads
 * are defined: producers and consumers import them from @agora/contracts, so a wrong payload does not
 * compile. Names follow `<service>.<aggregate>.<event>.v<N>`; keys are aggregate ids.
 */

export interface UserRegisteredV1 {
  userId: string;
  email: string;
  login: string;
  registeredAt: string;
}

export interface TopicPayloads {
  'auth.user.registered.v1': UserRegisteredV1;
}

export type Topic = keyof TopicPayloads;
export type PayloadOf<T extends Topic> = TopicPayloads[T];

export const Topics = {
  UserRegistered: 'auth.user.registered.v1',
} as const satisfies Record<string, Topic>;

/** Every topic, for creating them before services start. */
export const ALL_TOPICS: readonly Topic[] = Object.values(Topics);

/** Where a message that keeps failing ends up, with the error in its headers. */
export function deadLetterTopic(topic: string): string {
  return `${topic}.dlq`;
}
