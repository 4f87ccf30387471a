import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConsumerRestarts } from './consumer-restarts.js';

const silent = pino({ level: 'silent' });

describe('ConsumerRestarts', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('starts a given-up consumer again after a pause that doubles while starts fail', async () => {
    const outcomes = [new Error('coordinator not found'), new Error('coordinator not found'), undefined];
    const started: number[] = [];
    const restarts = new ConsumerRestarts(
      () => {
        started.push(Date.now());
        const outcome = outcomes.shift();
        return outcome ? Promise.reject(outcome) : Promise.resolve();
      },
      silent,
      1_000,
      30_000,
    );
    const givenUpAt = Date.now();
    restarts.givenUp();
    await vi.advanceTimersByTimeAsync(999);
    expect(started).toEqual([]);
    await vi.advanceTimersByTimeAsync(1 + 2_000 + 4_000);
    expect(started.map((at) => at - givenUpAt)).toEqual([1_000, 3_000, 7_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toHaveLength(3);
  });

  it('waits the first pause again once the group has joined, and never more than the longest', async () => {
    let starts = 0;
    const restarts = new ConsumerRestarts(
      () => {
        starts += 1;
        return Promise.resolve();
      },
      silent,
      1_000,
      3_000,
    );
    for (const pause of [1_000, 2_000, 3_000, 3_000]) {
      restarts.givenUp();
      await vi.advanceTimersByTimeAsync(pause - 1);
      const before = starts;
      await vi.advanceTimersByTimeAsync(1);
      expect(starts).toBe(before + 1);
    }
    restarts.joined();
    restarts.givenUp();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts).toBe(5);
  });

  it('keeps one restart waiting at a time, and none once closed', async () => {
    let starts = 0;
    const restarts = new ConsumerRestarts(() => {
      starts += 1;
      return Promise.resolve();
    }, silent);
    restarts.givenUp();
    restarts.givenUp();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(starts).toBe(1);
    restarts.givenUp();
    restarts.close();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(starts).toBe(1);
  });
});
