// The bare limit of a room message's fan-out: node:http and raw WebSocket frames, no Socket.IO, no database.
// It speaks just enough Engine.IO / Socket.IO at REALTIME_PATH for the bench's sockets (the open packet, the
// namespace's connect, an ack to every event such as `chat.join`), and `POST /api/chats/:id/messages` answers
// 201 and then writes one pre-encoded `chat.message` frame to every socket, as Socket.IO's broadcast does with
// its pre-encoded frame. What is left is the kernel's cost of one write per socket.
// `node dist/bench/bare-fanout.js` with BENCH_PORT.
import { loadConfig, processEnvironment } from '@agora/config';
import { REALTIME_PATH } from '@agora/contracts';
import { Type } from 'class-transformer';
import { IsInt } from 'class-validator';
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';

class BareFanOutConfig {
  @Type(() => Number)
  @IsInt()
  BENCH_PORT = 18093;
}

const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const config = loadConfig(BareFanOutConfig, processEnvironment());
const sockets = new Set<Duplex>();

/** One unmasked text frame, as a server sends it. */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

/** The client's frames (masked), each handed to `onText`; a partial frame waits for the next chunk. */
function readFrames(socket: Duplex, onText: (text: string) => void): void {
  let pending = Buffer.alloc(0);
  socket.on('data', (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 6) {
      let length = pending[1] & 0x7f;
      let start = 2;
      if (length === 126) {
        length = pending.readUInt16BE(2);
        start = 4;
      }
      if (pending.length < start + 4 + length) {
        return;
      }
      const mask = pending.subarray(start, start + 4);
      const payload = Buffer.from(pending.subarray(start + 4, start + 4 + length));
      for (let index = 0; index < payload.length; index += 1) {
        payload[index] ^= mask[index & 3];
      }
      const opcode = pending[0] & 0x0f;
      pending = pending.subarray(start + 4 + length);
      if (opcode === 8) {
        socket.destroy();
        return;
      }
      if (opcode === 1) {
        onText(payload.toString());
      }
    }
  });
}

const server = http.createServer((request, response) => {
  if (request.method !== 'POST' || !/^\/api\/chats\/[^/]+\/messages$/.test(request.url ?? '')) {
    response.writeHead(404).end();
    return;
  }
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString()));
  request.on('end', () => {
    const { text } = JSON.parse(body) as { text: string };
    const message = { id: randomUUID(), text, createdAt: new Date().toISOString() };
    response.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify(message));
    const frame = textFrame(`42${JSON.stringify(['chat.message', message])}`);
    for (const socket of sockets) {
      socket.write(frame);
    }
  });
});

server.on('upgrade', (request: http.IncomingMessage, socket: Duplex) => {
  if (!request.url?.startsWith(REALTIME_PATH)) {
    socket.destroy();
    return;
  }
  const accept = createHash('sha1')
    .update(`${String(request.headers['sec-websocket-key'])}${WEBSOCKET_GUID}`)
    .digest('base64');
  socket.write(
    `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  const sid = randomUUID();
  socket.write(
    textFrame(
      `0${JSON.stringify({ sid, upgrades: [], pingInterval: 25_000, pingTimeout: 20_000, maxPayload: 1e6 })}`,
    ),
  );
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => sockets.delete(socket));
  readFrames(socket, (text) => {
    if (text.startsWith('40')) {
      socket.write(textFrame(`40${JSON.stringify({ sid })}`));
    } else if (text.startsWith('42')) {
      const id = text.slice(2, text.indexOf('['));
      socket.write(textFrame(`43${id}[{"ok":true}]`));
    }
  });
});

server.listen(config.BENCH_PORT, '127.0.0.1');
