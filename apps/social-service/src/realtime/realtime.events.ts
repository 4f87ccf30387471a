import type { ProfileDto } from '../profiles/profiles.dto.js';

/** Socket.IO channels a client may subscribe to, and what each pushes. */
export const REALTIME_CHANNELS = ['profiles'] as const;
export type RealtimeChannel = (typeof REALTIME_CHANNELS)[number];

/** Server → client events, by name. */
export interface RealtimeServerEvents {
  'profile.created': (profile: ProfileDto) => void;
}

export interface SubscribeRequest {
  readonly channel: RealtimeChannel;
}

export type SubscribeAck =
  | { readonly ok: true; readonly channel: RealtimeChannel }
  | { readonly ok: false; readonly code: 'UNKNOWN_CHANNEL'; readonly detail: string };

export function isRealtimeChannel(value: unknown): value is RealtimeChannel {
  return typeof value === 'string' && (REALTIME_CHANNELS as readonly string[]).includes(value);
}
