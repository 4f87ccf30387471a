// Issue 15's figures for `npm run bench`: the home feed of a user following 1,000 authors among 1M posts
// (20 clients), and one social-service process fanning a room message out to 10,000 sockets. bench.ts
// calls these with its database, ports and load tools; everything is talked to over HTTP, SQL or sockets.
import { REALTIME_PATH } from '@agora/contracts';
import argon2 from 'argon2';
import { randomBytes, randomUUID } from 'node:crypto';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';
import { fixed, median, percentile } from './stats.js';

export interface SocialLoad {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export interface SocialRow {
  goal: string;
  measured: string;
  target: string;
  met: boolean | null;
}

export interface SocialBenchContext {
  /** A client on the bench database (superuser). */
  readonly db: pg.Client;
  /** The gateway, e.g. `http://127.0.0.1:18080`. */
  readonly gateway: string;
  /** social-service's own address inside the platform (sockets connect to it directly). */
  readonly socialUrl: string;
  /** The bare fan-out server (bench/bare-fanout.ts), sockets and posts alike. */
  readonly bareFanOutUrl: string;
  readonly posts: number;
  readonly sockets: number;
  readonly rounds: number;
  wrk(
    url: string,
    connections: number,
    seconds?: number,
    options?: { paths?: readonly string[]; headers?: readonly string[] },
  ): SocialLoad;
  log(message: string): void;
}

/** Seeded users are `bench<n>` with id `…a000-<n in hex>`; the reader is bench1, authors follow it. */
const userId = (n: number): string => `00000000-0000-4000-a000-${n.toString(16).padStart(12, '0')}`;
const READER = 1;
const FOLLOWED_AUTHORS = 1_000;
/** Posts are spread over this many authors, the followed ones among them. */
const AUTHORS = 10_000;
const READER_PASSWORD = 'bench reader passphrase';

/**
 * Posts by bulk SQL: `posts` posts over AUTHORS authors, one a second back from now, with UUIDv7 ids made
 * of their time (as social-service's ids are); the reader follows FOLLOWED_AUTHORS of them; all public.
 */
export function socialSeedStatements(posts: number): string[] {
  const authors = `generate_series(${READER + 1}, ${READER + AUTHORS})`;
  return [
    `UPDATE social.profiles SET verified = true WHERE id IN (SELECT ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid FROM generate_series(${READER}, ${READER + AUTHORS}) n)`,
    `INSERT INTO social.follows (id, follower_id, followee_id, status)
     SELECT gen_random_uuid(), '${userId(READER)}', ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid, 'active'
     FROM generate_series(${READER + 1}, ${READER + FOLLOWED_AUTHORS}) n`,
    `UPDATE social.profiles SET following_count = ${FOLLOWED_AUTHORS} WHERE id = '${userId(READER)}'`,
    `INSERT INTO social.posts (id, author_id, text, visibility, created_at, updated_at)
     SELECT (substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-7' || lpad(to_hex(n % 4096), 3, '0') || '-'
             || to_hex(8 + (n / 4096) % 4) || lpad(to_hex((n / 16384) % 4096), 3, '0') || '-' || lpad(to_hex(n), 12, '0'))::uuid,
            ('00000000-0000-4000-a000-' || lpad(to_hex(${READER + 1} + n % ${AUTHORS}), 12, '0'))::uuid,
            'Bench post ' || n, 'public', at, at
       FROM (SELECT n, now() - n * interval '1 second' AS at,
                    lpad(to_hex((extract(epoch FROM now() - n * interval '1 second') * 1000)::bigint), 12, '0') AS h
               FROM generate_series(1, ${posts}) n) p`,
    `UPDATE social.profiles SET posts_count = ${Math.floor(posts / AUTHORS)} FROM ${authors} n
      WHERE id = ('00000000-0000-4000-a000-' || lpad(to_hex(n), 12, '0'))::uuid`,
  ];
}

/** The reader's access token: its password set to a known one (the seed's hash is a placeholder). */
async function signInReader(context: SocialBenchContext): Promise<string> {
  const hash = await argon2.hash(READER_PASSWORD, { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2 });
  await context.db.query(`UPDATE auth.users SET password_hash = $1 WHERE id = $2`, [hash, userId(READER)]);
  const response = await fetch(`${context.gateway}/api/authentication`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: `bench${READER}`, password: READER_PASSWORD }),
  });
  if (!response.ok) {
    throw new Error(`signing in bench${READER}: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/**
 * (social) the home feed's first page and a page 400 posts deep, 20 clients, in alternating rounds, through
 * `context.gateway`; `shape` names it in the rows (e.g. "`npm start`: one process, the Node gateway").
 */
export async function measureFeed(context: SocialBenchContext, shape: string): Promise<SocialRow[]> {
  const token = await signInReader(context);
  const headers = { authorization: `Bearer ${token}` };
  const wrkHeaders = { headers: [`authorization: Bearer ${token}`] };
  const first = await fetch(`${context.gateway}/api/feed?limit=20`, { headers });
  if (!first.ok) {
    throw new Error(`GET /api/feed: ${first.status} ${await first.text()}`);
  }
  // The first read rebuilt the reader's timeline; find a cursor 400 posts down it.
  let cursor: string | null = null;
  for (let page = 0; page < 20; page += 1) {
    const url: string = `${context.gateway}/api/feed?limit=20${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    cursor = ((await (await fetch(url, { headers })).json()) as { nextCursor: string | null }).nextCursor;
  }
  const targets = {
    firstPage: `${context.gateway}/api/feed?limit=20`,
    deepPage: `${context.gateway}/api/feed?limit=20&cursor=${encodeURIComponent(cursor ?? '')}`,
  };
  const loads: Record<keyof typeof targets, SocialLoad[]> = { firstPage: [], deepPage: [] };
  // Warm-up, uncounted: the first seconds under load compile the route's code and fill the pools.
  context.wrk(targets.firstPage, 20, 4, wrkHeaders);
  for (let round = 0; round < context.rounds; round += 1) {
    const order = (Object.keys(targets) as (keyof typeof targets)[]).slice();
    if (round % 2 === 1) {
      order.reverse();
    }
    for (const name of order) {
      const load = context.wrk(targets[name], 20, undefined, wrkHeaders);
      loads[name].push(load);
      context.log(
        `feed (${shape}) round ${round + 1} ${name}: ${load.rps} req/s, p50 ${fixed(load.p50, 2)} ms, p99 ${fixed(load.p99, 2)} ms`,
      );
    }
  }
  const p = (name: keyof typeof targets, key: 'p50' | 'p99') => median(loads[name].map((load) => load[key]));
  const rps = (name: keyof typeof targets) => median(loads[name].map((load) => load.rps));
  const errors = Object.values(loads).some((list) => list.some((load) => load.errors > 0));
  return (['firstPage', 'deepPage'] as const).map((name) => ({
    goal: `(social) \`GET /api/feed\` ${name === 'firstPage' ? 'first page' : 'a page 400 posts deep'}, 1,000 followed authors among ${context.posts.toLocaleString('en')} posts, 20 clients; ${shape}`,
    measured: `p50 ${fixed(p(name, 'p50'))} ms, p99 ${fixed(p(name, 'p99'))} ms (${fixed(rps(name), 0)} req/s)${errors ? '; non-2xx answers' : ''}`,
    target: 'p99 ≤ 30 ms',
    met: p(name, 'p99') <= 30 && !errors,
  }));
}

/**
 * A Socket.IO client at the protocol level (Engine.IO 4 over a WebSocket written by hand on a TCP socket):
 * socket.io-client, and even `ws`, cost the bench process about as much per message as the server spends
 * sending it, and the bench shares the machine's cores with the server: the bench must not be what is
 * measured. Frames from the server are unmasked and small; frames to it are masked, as RFC 6455 asks.
 */
class RawSocket {
  private readonly acks = new Map<number, (payload: unknown) => void>();
  private nextAck = 0;
  private pending: Buffer | null = null;
  /** Called with the payload of each event frame (`42…`) the server sends. */
  onEvent: (payload: Buffer) => void = () => undefined;
  private onControl: (frame: string) => void = () => undefined;

  private constructor(private readonly socket: net.Socket) {
    socket.setNoDelay(true);
  }

  static connect(url: string, token: string): Promise<RawSocket> {
    const { hostname, port } = new URL(url);
    return new Promise((resolve, reject) => {
      const tcp = net.connect(Number(port), hostname);
      const socket = new RawSocket(tcp);
      tcp.once('error', reject);
      let head = Buffer.alloc(0);
      const onHead = (chunk: Buffer): void => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          return;
        }
        tcp.off('data', onHead);
        if (!head.subarray(0, end).toString('latin1').startsWith('HTTP/1.1 101')) {
          reject(new Error(`no WebSocket upgrade: ${head.subarray(0, end).toString('latin1')}`));
          return;
        }
        tcp.on('data', (data: Buffer) => socket.receive(data));
        socket.onControl = (frame) => {
          if (frame.startsWith('0')) {
            socket.send(`40${JSON.stringify({ token })}`);
          } else if (frame.startsWith('40')) {
            socket.onControl = () => undefined;
            resolve(socket);
          } else if (frame.startsWith('44')) {
            reject(new Error(`refused: ${frame}`));
          }
        };
        if (head.length > end + 4) {
          socket.receive(head.subarray(end + 4));
        }
      };
      tcp.on('data', onHead);
      tcp.write(
        `GET ${REALTIME_PATH}/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\n` +
          `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
      );
    });
  }

  request(event: string, body: unknown): Promise<unknown> {
    const id = this.nextAck++;
    return new Promise((resolve) => {
      this.acks.set(id, resolve);
      this.send(`42${id}${JSON.stringify([event, body])}`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  /** One masked text frame. */
  private send(text: string): void {
    const payload = Buffer.from(text);
    const length = payload.length;
    const header = length < 126 ? 2 : 4;
    const frame = Buffer.allocUnsafe(header + 4 + length);
    frame[0] = 0x81;
    if (length < 126) {
      frame[1] = 0x80 | length;
    } else {
      frame[1] = 0x80 | 126;
      frame.writeUInt16BE(length, 2);
    }
    const mask = randomBytes(4);
    mask.copy(frame, header);
    for (let index = 0; index < length; index += 1) {
      frame[header + 4 + index] = payload[index] ^ mask[index & 3];
    }
    this.socket.write(frame);
  }

  /** Splits what arrived into frames (keeping a partial one for the next chunk) and handles each. */
  private receive(chunk: Buffer): void {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    while (data.length >= 2) {
      let length = data[1] & 0x7f;
      let start = 2;
      if (length === 126) {
        if (data.length < 4) {
          break;
        }
        length = data.readUInt16BE(2);
        start = 4;
      } else if (length === 127) {
        if (data.length < 10) {
          break;
        }
        length = Number(data.readBigUInt64BE(2));
        start = 10;
      }
      if (data.length < start + length) {
        break;
      }
      const opcode = data[0] & 0x0f;
      const payload = data.subarray(start, start + length);
      data = data.subarray(start + length);
      if (opcode === 1) {
        this.frame(payload);
      } else if (opcode === 8) {
        this.socket.destroy();
        return;
      }
    }
    if (data.length > 0) {
      this.pending = Buffer.from(data);
    }
  }

  /** An Engine.IO packet: `2` a ping (answered), `42…` an event, `43…` an ack, else the handshake's. */
  private frame(payload: Buffer): void {
    // '4' '2': the event frames the fan-out counts, handed over unparsed.
    if (payload[0] === 0x34 && payload[1] === 0x32) {
      this.onEvent(payload);
      return;
    }
    const frame = payload.toString();
    if (frame === '2') {
      this.send('3');
    } else if (frame.startsWith('43')) {
      const bracket = frame.indexOf('[');
      const id = Number(frame.slice(2, bracket));
      this.acks.get(id)?.((JSON.parse(frame.slice(bracket)) as unknown[])[0]);
      this.acks.delete(id);
    } else {
      this.onControl(frame);
    }
  }
}

/** (social) 10,000 sockets on one social-service process in an item's room; a message's fan-out time. */
export async function measureFanOut(context: SocialBenchContext): Promise<SocialRow[]> {
  const token = await signInReader(context);
  const itemId = randomUUID();
  await context.db.query(
    `INSERT INTO social.catalog_items (item_id, kind, name) VALUES ($1, 'coffee', 'Bench room')`,
    [itemId],
  );
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  const room = (await (
    await fetch(`${context.gateway}/api/items/coffee/${itemId}/discussion`, { headers })
  ).json()) as { id: string };

  const social = await fanOut(context, context.socialUrl, context.gateway, room.id, headers);
  const bare = await fanOut(context, context.bareFanOutUrl, context.bareFanOutUrl, room.id, headers);
  const measured = (run: FanOut): string =>
    `per delivery p50 ${fixed(percentile(run.delays, 50))} ms, p99 ${fixed(percentile(run.delays, 99))} ms; last socket median ${fixed(median(run.lasts))} ms (${FAN_OUT_MESSAGES} messages${run.complete ? '' : `; ${run.delays.length} of ${FAN_OUT_MESSAGES * context.sockets} delivered`})`;
  return [
    {
      goal: `(social) a room message from \`POST /api/chats/:id/messages\` to ${context.sockets.toLocaleString('en')} sockets on one social-service process`,
      measured: measured(social),
      target: 'p99 ≤ 50 ms',
      met: social.complete && percentile(social.delays, 99) <= 50,
    },
    {
      goal: `(social) its bare limit: node:http writing one pre-encoded frame to each of the ${context.sockets.toLocaleString('en')} sockets (bench/bare-fanout.ts: no Socket.IO, no database, no gateway)`,
      measured: `${measured(bare)}; Socket.IO platform ÷ bare at p99: ${fixed(percentile(social.delays, 99) / percentile(bare.delays, 99))}×`,
      target: 'the floor',
      met: null,
    },
  ];
}

const FAN_OUT_MESSAGES = 10;

interface FanOut {
  /** Every socket's delay for every message, ms from the POST. */
  readonly delays: number[];
  /** Each message's last socket, ms. */
  readonly lasts: number[];
  readonly complete: boolean;
}

/**
 * `context.sockets` sockets on `socketsUrl` join the room; FAN_OUT_MESSAGES messages are posted to
 * `postUrl`'s `/api/chats/:id/messages`, each timed from the POST to its arrival at every socket.
 */
async function fanOut(
  context: SocialBenchContext,
  socketsUrl: string,
  postUrl: string,
  roomId: string,
  headers: Record<string, string>,
): Promise<FanOut> {
  const token = headers.authorization.slice('Bearer '.length);
  context.log(`connecting ${context.sockets} sockets to ${socketsUrl}`);
  const sockets: RawSocket[] = [];
  const connectStarted = performance.now();
  try {
    for (let batch = 0; batch < context.sockets; batch += 250) {
      const size = Math.min(250, context.sockets - batch);
      const connected = await Promise.all(
        Array.from({ length: size }, () => RawSocket.connect(socketsUrl, token)),
      );
      await Promise.all(connected.map((socket) => socket.request('chat.join', { chatId: roomId })));
      sockets.push(...connected);
    }
    context.log(
      `${sockets.length} sockets joined in ${((performance.now() - connectStarted) / 1000).toFixed(1)} s`,
    );

    const delays: number[] = [];
    const lasts: number[] = [];
    for (let index = 0; index < FAN_OUT_MESSAGES; index += 1) {
      const marker = `fan-out ${index} ${randomUUID()}`;
      const markerBytes = Buffer.from(marker);
      let received = 0;
      let sentAt = 0;
      let last = 0;
      const all = new Promise<void>((resolve) => {
        for (const socket of sockets) {
          socket.onEvent = (payload) => {
            if (payload.includes(markerBytes)) {
              const delay = performance.now() - sentAt;
              delays.push(delay);
              last = Math.max(last, delay);
              received += 1;
              if (received === sockets.length) {
                resolve();
              }
            }
          };
        }
      });
      sentAt = performance.now();
      const sent = await fetch(`${postUrl}/api/chats/${roomId}/messages`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ text: marker }),
      });
      if (sent.status !== 201) {
        throw new Error(`sending to the room: ${sent.status} ${await sent.text()}`);
      }
      await Promise.race([all, sleep(30_000)]);
      lasts.push(last);
      context.log(`fan-out ${index + 1}: ${received} of ${sockets.length} in ${fixed(last)} ms`);
      await sleep(200);
    }
    return { delays, lasts, complete: delays.length === FAN_OUT_MESSAGES * sockets.length };
  } finally {
    sockets.forEach((socket) => socket.close());
  }
}
