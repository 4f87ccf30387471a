import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { KafkaRequestQueueClass, type KafkaRequestQueue } from './kafkajs-idle-queue.js';

interface Entry {
  correlationId: number;
  apiName: string;
  apiKey: number;
  apiVersion: number;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** kafkajs's RequestQueue as a broker connection drives it: push a request, fulfil it when the answer arrives. */
interface Queue extends KafkaRequestQueue {
  push(request: { entry: Entry; expectResponse: boolean; sendRequest(): void }): void;
  fulfillRequest(response: { correlationId: number; payload: unknown; size: number }): void;
  maybeThrottle(milliseconds: number): void;
  destroy(): void;
}

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const queues: Queue[] = [];

function newQueue(): Queue {
  const RequestQueue = KafkaRequestQueueClass as unknown as new (options: object) => Queue;
  const queue = new RequestQueue({
    maxInFlightRequests: null,
    requestTimeout: 30_000,
    enforceRequestTimeout: false,
    clientId: 'spec',
    broker: '127.0.0.1:9092',
    logger: silent,
  });
  queues.push(queue);
  return queue;
}

function request(correlationId: number, sent: number[]) {
  const entry: Entry = {
    correlationId,
    apiName: 'Metadata',
    apiKey: 3,
    apiVersion: 6,
    resolve() {},
    reject() {},
  };
  return { entry, expectResponse: true, sendRequest: () => sent.push(correlationId) };
}

afterEach(() => {
  for (const queue of queues.splice(0)) {
    queue.destroy();
  }
});

describe('kafkajs request queue (idle-loop fix)', () => {
  it('arms no timer once every request is answered', async () => {
    const queue = newQueue();
    const sent: number[] = [];
    queue.push(request(1, sent));
    queue.fulfillRequest({ correlationId: 1, payload: null, size: 0 });
    expect(sent).toEqual([1]);
    // kafkajs 2.2.4 re-arms a 1 ms timer here, and again each time it fires, for as long as the connection lives.
    expect(queue.throttleCheckTimeoutId).toBeNull();
    await sleep(20);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });

  it('still sends a request held back by client-side throttling when the throttle ends, then goes quiet', async () => {
    const queue = newQueue();
    const sent: number[] = [];
    queue.maybeThrottle(40);
    queue.push(request(7, sent));
    expect(sent).toEqual([]);
    expect(queue.pending).toHaveLength(1);
    await sleep(120);
    expect(sent).toEqual([7]);
    queue.fulfillRequest({ correlationId: 7, payload: null, size: 0 });
    expect(queue.pending).toHaveLength(0);
    expect(queue.throttleCheckTimeoutId).toBeNull();
  });
});
