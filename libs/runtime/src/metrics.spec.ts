import { describe, expect, it } from 'vitest';
import { PlatformMetrics } from './metrics.js';

describe('PlatformMetrics', () => {
  it('reads each service’s outbox once a scrape for both outbox gauges', async () => {
    const metrics = new PlatformMetrics();
    let reads = 0;
    metrics.watch('auth', {
      outboxBacklog: () => {
        reads += 1;
        return Promise.resolve({ events: 3, oldestAgeSeconds: 1.5 });
      },
      pool: () => ({ total: 2, idle: 1, waiting: 0 }),
    });
    const text = await metrics.scrape();
    expect(reads).toBe(1);
    expect(text).toContain('outbox_backlog_events{service="auth"} 3');
    expect(text).toContain('outbox_oldest_event_age_seconds{service="auth"} 1.5');
    expect(text).toContain('db_pool_connections{service="auth",state="waiting"} 0');
    await metrics.scrape();
    expect(reads).toBe(2);
  });
});
