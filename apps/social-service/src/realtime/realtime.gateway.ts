import {
  AccessErrorCode,
  AccessException,
  AccessTokenGuard,
  WebSessions,
  type AuthenticatedUser,
} from '@agora/auth';
import { REALTIME_PATH } from '@agora/contracts';
import { isDomainException } from '@agora/http';
import { LOGGER } from '@agora/logging';
import { Inject, type OnApplicationShutdown } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  type OnGatewayInit,
} from '@nestjs/websockets';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import type { ProfileDto } from '../profiles/profiles.dto.js';
import { SocialConfig } from '../social.config.js';
import { SocialErrorCode, SocialException } from '../social.errors.js';
import { RealtimeHub, type RealtimeServer } from './realtime-hub.js';
import {
  isRealtimeChannel,
  REALTIME_CHANNELS,
  userOfSocket,
  userRoom,
  type Ack,
  type RealtimeChannel,
  type RealtimeSocketData,
} from './realtime.events.js';
import { socketFailure } from './socket-failure.js';

const BEARER = /^Bearer (\S+)$/i;

/** The cookie's value in a `Cookie` header, if there. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) {
      const raw = value.join('=');
      try {
        return decodeURIComponent(raw);
      } catch {
        // Not percent-encoded as cookies are: the token check refuses it as it is.
        return raw;
      }
    }
  }
  return undefined;
}

/**
 * social-service's Socket.IO endpoint at `/ws` (both gateways upgrade it). The handshake is authenticated
 * with the access token (Socket.IO's `auth: {token}`, an `Authorization: Bearer` header, or the web
 * session's cookie from the platform's own origin); every socket joins its user's room. Sessions are
 * rechecked every SOCIAL_SOCKET_RECHECK_MS: a revoked or expired one gets `session.ended` and is
 * disconnected.
 */
@WebSocketGateway({ path: REALTIME_PATH, serveClient: false })
export class RealtimeGateway implements OnGatewayInit, OnApplicationShutdown {
  private server?: RealtimeServer;
  private recheck?: NodeJS.Timeout;
  private readonly publicOrigin: string;

  constructor(
    private readonly hub: RealtimeHub,
    private readonly guard: AccessTokenGuard,
    private readonly sessions: WebSessions,
    private readonly config: SocialConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.publicOrigin = new URL(config.PUBLIC_URL).origin;
  }

  afterInit(server: RealtimeServer): void {
    this.server = server;
    this.hub.attach(server);
    server.use((socket, next) => {
      this.authenticate(socket).then(
        async (user) => {
          const data = socket.data;
          data.userId = user.id;
          data.role = user.role;
          data.sessionId = user.sessionId;
          data.tokenVersion = user.tokenVersion;
          data.expiresAt = user.expiresAt ?? Number.MAX_SAFE_INTEGER;
          await socket.join(userRoom(user.id));
          next();
        },
        (error: unknown) => {
          const failure = socketFailure(error, this.logger);
          next(Object.assign(new Error(failure.detail), { data: failure }));
        },
      );
    });
    this.recheck = setInterval(() => void this.endLapsedSessions(), this.config.SOCIAL_SOCKET_RECHECK_MS);
    this.recheck.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.recheck);
  }

  @SubscribeMessage('subscribe')
  async subscribe(
    @ConnectedSocket() client: Socket,
    @MessageBody() body: unknown,
  ): Promise<Ack<{ channel: RealtimeChannel }>> {
    const channel: unknown = (body as { channel?: unknown } | null)?.channel;
    if (!isRealtimeChannel(channel)) {
      return {
        ok: false,
        code: SocialErrorCode.UNKNOWN_CHANNEL,
        status: 400,
        detail: `channel must be one of: ${REALTIME_CHANNELS.join(', ')}`,
      };
    }
    await client.join(channel);
    return { ok: true, channel };
  }

  profileCreated(profile: ProfileDto): void {
    this.server?.to('profiles').emit('profile.created', profile);
  }

  /** The handshake's user: a token in `auth`, else the bearer header, else the cookie from our own origin. */
  private async authenticate(socket: Socket): Promise<AuthenticatedUser> {
    const { auth, headers } = socket.handshake;
    const fromAuth = typeof auth?.['token'] === 'string' ? auth['token'] : undefined;
    const header = headers.authorization;
    let token = fromAuth ?? (header ? BEARER.exec(header)?.[1] : undefined);
    if (!token && !header) {
      token = cookieValue(headers.cookie, this.sessions.cookies.access);
      // A cookie rides along from any page the browser shows: only our own pages may use it (no cross-site
      // WebSocket hijacking).
      if (token && headers.origin !== this.publicOrigin) {
        throw new SocialException(
          SocialErrorCode.SOCKET_ORIGIN_REFUSED,
          `A session cookie is accepted only from ${this.publicOrigin}; send the access token in auth.token`,
        );
      }
    }
    if (!token) {
      throw new AccessException(AccessErrorCode.AUTHENTICATION_REQUIRED, 'An access token is required');
    }
    return this.guard.authenticateToken(token);
  }

  /**
   * Ends sockets whose token expired or whose session or token version was revoked: one check per session
   * (a user's devices and tabs often share one), whatever the number of its sockets.
   */
  private async endLapsedSessions(): Promise<void> {
    const now = Date.now();
    const bySession = new Map<string, Socket[]>();
    for (const socket of this.server?.sockets.sockets.values() ?? []) {
      const data = socket.data as Partial<RealtimeSocketData>;
      if (!data.userId) {
        continue;
      }
      if ((data.expiresAt ?? 0) <= now) {
        this.end(socket, 'ACCESS_TOKEN_EXPIRED', 'The access token has expired; connect with a new one');
        continue;
      }
      const key = `${data.userId}:${data.sessionId}:${data.tokenVersion}`;
      const sessionSockets = bySession.get(key);
      if (sessionSockets) {
        sessionSockets.push(socket);
      } else {
        bySession.set(key, [socket]);
      }
    }
    for (const sockets of bySession.values()) {
      try {
        await this.guard.assertNotRevoked(userOfSocket(sockets[0].data as RealtimeSocketData));
      } catch (error) {
        if (isDomainException(error) && error.status === 401) {
          sockets.forEach((socket) => this.end(socket, error.code, error.detail));
        } else {
          // The revocation store is unreachable: keep the sockets and check again next round.
          this.logger.warn({ err: error }, 'socket session recheck failed');
        }
      }
    }
  }

  private end(socket: Socket, code: string, detail: string): void {
    socket.emit('session.ended', { code, detail });
    socket.disconnect(true);
  }
}
