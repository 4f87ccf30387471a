import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Server, ServerOptions } from 'socket.io';

/**
 * Socket.IO for social-service: with REDIS_URL, the Redis adapter carries every room push (and
 * `fetchSockets`) to the sockets of all replicas, so a message sent through one process reaches clients
 * connected to another; without it, one process holds every socket.
 */
export class RealtimeIoAdapter extends IoAdapter {
  private readonly clients: Redis[] = [];

  constructor(
    app: INestApplicationContext,
    private readonly redisUrl: string | undefined,
    private readonly keyPrefix: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options);
    if (this.redisUrl) {
      const publisher = new Redis(this.redisUrl, { maxRetriesPerRequest: 2 });
      const subscriber = publisher.duplicate();
      this.clients.push(publisher, subscriber);
      server.adapter(
        createAdapter(publisher, subscriber, { key: `${this.keyPrefix}socket.io`, requestsTimeout: 2_000 }),
      );
    }
    return server;
  }

  override async dispose(): Promise<void> {
    await super.dispose();
    await Promise.all(this.clients.map((client) => client.quit().catch(() => client.disconnect())));
  }
}
