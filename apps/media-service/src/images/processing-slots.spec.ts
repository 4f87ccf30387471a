import { describe, expect, it } from 'vitest';
import { ProcessingSlots } from './processing-slots.js';

describe('ProcessingSlots', () => {
  it('runs at most its size of jobs at once, each in turn, and keeps going after a failure', async () => {
    const slots = new ProcessingSlots(2);
    let running = 0;
    let peak = 0;
    const job = (fail: boolean) =>
      slots.run(async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        if (fail) {
          throw new Error('broken image');
        }
        return 'done';
      });
    const results = await Promise.allSettled([
      job(false),
      job(true),
      job(false),
      job(false),
      job(true),
      job(false),
    ]);
    expect(peak).toBe(2);
    expect(results.map((result) => result.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
    expect(await job(false)).toBe('done');
  });
});
