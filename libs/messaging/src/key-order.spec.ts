import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { inKeyOrder } from './kafka.bus.js';

const message = (key: string | null, offset: number): KafkaMessage => ({
  key: key === null ? null : Buffer.from(key),
  value: Buffer.from('{}'),
  offset: String(offset),
  timestamp: '0',
  attributes: 0,
  headers: {},
});

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

describe('inKeyOrder', () => {
  it('handles one key in offset order and different keys side by side, up to the limit', async () => {
    const messages = [
      message('a', 0),
      message('b', 1),
      message('a', 2),
      message('c', 3),
      message('d', 4),
      message('a', 5),
    ];
    const done: string[] = [];
    let running = 0;
    let peak = 0;
    await inKeyOrder(messages, 3, async (next) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      done.push(`${next.key?.toString() ?? ''}${next.offset}`);
      running -= 1;
    });
    expect(done).toHaveLength(6);
    expect(done.filter((entry) => entry.startsWith('a'))).toEqual(['a0', 'a2', 'a5']);
    expect(peak).toBe(3);
  });

  it('keeps messages without a key in one chain', async () => {
    const done: string[] = [];
    let running = 0;
    let peak = 0;
    await inKeyOrder([message(null, 0), message(null, 1), message(null, 2)], 4, async (next) => {
      running += 1;
      peak = Math.max(peak, running);
      await tick();
      done.push(next.offset);
      running -= 1;
    });
    expect(done).toEqual(['0', '1', '2']);
    expect(peak).toBe(1);
  });

  it('rejects with the first failure after the started chains settle, and starts no chain after it', async () => {
    const started: string[] = [];
    let settled = 0;
    const outcome = inKeyOrder(
      [message('a', 0), message('b', 1), message('a', 2), message('c', 3)],
      2,
      async (next) => {
        started.push(next.offset);
        await tick();
        settled += 1;
        if (next.offset === '0') {
          throw new Error('database down');
        }
      },
    );
    await expect(outcome).rejects.toThrow('database down');
    // a0 failed, so a2 never ran; b1 was already running and finished; c3 was never started.
    expect(started).toEqual(['0', '1']);
    expect(settled).toBe(2);
  });
});
