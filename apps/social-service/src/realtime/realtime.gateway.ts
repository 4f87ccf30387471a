import { REALTIME_PATH } from '@agora/contracts';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { Server, Socket } from 'socket.io';
import type { ProfileDto } from '../profiles/profiles.dto.js';
import {
  isRealtimeChannel,
  REALTIME_CHANNELS,
  type RealtimeServerEvents,
  type SubscribeAck,
} from './realtime.events.js';

/**
 * social-service's Socket.IO endpoint at `/ws` (both gateways upgrade it). Clients join channels with
 * `subscribe` and receive what happens in them, e.g. `profile.created` on `profiles`.
 */
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class RealtimeGateway {
  @WebSocketServer()
  private readonly server!: Server<Record<string, never>, RealtimeServerEvents>;

  @SubscribeMessage('subscribe')
  async subscribe(@ConnectedSocket() client: Socket, @MessageBody() body: unknown): Promise<SubscribeAck> {
    const channel: unknown = (body as { channel?: unknown } | null)?.channel;
    if (!isRealtimeChannel(channel)) {
      return {
        ok: false,
        code: 'UNKNOWN_CHANNEL',
        detail: `channel must be one of: ${REALTIME_CHANNELS.join(', ')}`,
      };
    }
    await client.join(channel);
    return { ok: true, channel };
  }

  profileCreated(profile: ProfileDto): void {
    this.server.to('profiles').emit('profile.created', profile);
  }
}
