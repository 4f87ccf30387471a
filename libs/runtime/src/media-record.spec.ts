import { MEDIA_RECORD_PATH, type MediaRecordV1 } from '@agora/contracts';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readMediaThrough, type MediaCopy } from './media-record.js';

const record = (mediaId: string): MediaRecordV1 => ({
  mediaId,
  ownerId: randomUUID(),
  width: 40,
  height: 30,
  blurhash: 'LEHV6nWB2yk8pyo0adR*.7kCMdnj',
  variants: [{ name: 'thumb', width: 40, height: 30 }],
  uploadedAt: new Date().toISOString(),
  barcodes: [],
});

/** A copy in memory: knows `known`, records what is applied, in order. */
function memoryCopy(known: readonly string[]): MediaCopy & { applied: string[] } {
  const applied: string[] = [];
  return {
    applied,
    missing: (ids) => Promise.resolve(ids.filter((id) => !known.includes(id))),
    apply: (applying) => {
      applied.push(applying.mediaId);
      return Promise.resolve();
    },
  };
}

describe('readMediaThrough', () => {
  let server: http.Server | undefined;

  afterEach(async () => {
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  /**
   * A media-service that answers no record until `together` requests are waiting (so media read one by one
   * would never be answered in time), storing `stored`, failing with 503 for `failing` and answering 404 for any
   * other id.
   */
  async function mediaService(
    stored: readonly string[],
    together: number,
    failing: readonly string[] = [],
  ): Promise<{ url: string; paths: string[] }> {
    const paths: string[] = [];
    const waiting: (() => void)[] = [];
    server = http.createServer((request, response) => {
      paths.push(request.url ?? '');
      const id = decodeURIComponent((request.url ?? '').slice(MEDIA_RECORD_PATH.length + 1));
      waiting.push(() => {
        if (failing.includes(id)) {
          response.writeHead(503).end();
        } else if (stored.includes(id)) {
          response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(record(id)));
        } else {
          response.writeHead(404, { 'content-type': 'application/problem+json' }).end('{}');
        }
      });
      if (waiting.length >= together) {
        waiting.splice(0).forEach((answer) => answer());
      }
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, paths };
  }

  it('reads every unknown media at once, applies those media-service stores, and skips the known', async () => {
    const [known, first, second, absent] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const service = await mediaService([known, first, second], 3);
    const copy = memoryCopy([known]);
    const unreachable: string[] = [];
    await readMediaThrough(service.url, copy, [known, first, second, absent, first], (id) =>
      unreachable.push(id),
    );
    expect(unreachable).toEqual([]);
    expect(copy.applied).toEqual([first, second]);
    expect(service.paths.sort()).toEqual(
      [first, second, absent].map((id) => `${MEDIA_RECORD_PATH}/${id}`).sort(),
    );
  });

  it('tells which media could not be read, and still applies the others', async () => {
    const [stored, broken] = [randomUUID(), randomUUID()];
    const service = await mediaService([stored], 2, [broken]);
    const copy = memoryCopy([]);
    const unreachable: [string, string][] = [];
    await readMediaThrough(service.url, copy, [broken, stored], (id, error) =>
      unreachable.push([id, String(error)]),
    );
    expect(unreachable).toEqual([[broken, expect.stringContaining('answered 503')]]);
    expect(copy.applied).toEqual([stored]);
  });
});
