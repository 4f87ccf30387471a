import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { newRequestId, requestIdOf } from './request-context.js';

describe('request ids', () => {
  it('are UUID v7s in time order, none repeated across refills of the random pool', () => {
    const ids = Array.from({ length: 2_000 }, () => newRequestId());
    for (const id of ids) {
      expect(validate(id) && version(id), id).toBe(7);
    }
    expect(new Set(ids).size).toBe(ids.length);
    // The first 48 bits are the millisecond: later ids never sort before earlier ones' millisecond.
    const millis = ids.map((id) => parseInt(id.replace(/-/g, '').slice(0, 12), 16));
    expect(millis).toEqual([...millis].sort((a, b) => a - b));
    expect(Math.abs(millis[0] - Date.now())).toBeLessThan(60_000);
  });

  it('keeps a sane X-Request-Id and replaces anything else', () => {
    expect(requestIdOf('edge-trace-1')).toBe('edge-trace-1');
    expect(requestIdOf(['first.1:a', 'second'])).toBe('first.1:a');
    for (const insane of [undefined, '', 'a b', 'nul\u0000', 'x'.repeat(129), '<script>']) {
      const id = requestIdOf(insane);
      expect(id, String(insane)).not.toBe(insane);
      expect(version(id)).toBe(7);
    }
  });
});
