import { createRequire } from 'node:module';

/** The part of kafkajs's per-connection request queue (src/network/requestQueue) this fix touches. */
export interface KafkaRequestQueue {
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests: (this: KafkaRequestQueue) => void;
}

const require = createRequire(import.meta.url);

/** kafkajs's RequestQueue class; kafkajs publishes no types for its internals. */
export const KafkaRequestQueueClass = require('kafkajs/src/network/requestQueue/index.js') as {
  prototype: KafkaRequestQueue;
};

const upstream = KafkaRequestQueueClass.prototype.scheduleCheckPendingRequests;

/**
 * kafkajs 2.2.4 re-arms a timer for every connection's request queue after each check, also when nothing waits:
 * with no client-side throttle its delay is negative, so every open connection to a broker runs a 1 ms timer
 * loop for as long as the process lives (tulios/kafkajs#1556, #1704; fix proposed in #1667 and #1768, not
 * released). An idle service spent 3–4 % of a core on it and allocated about 1 MB a second, which kept V8's
 * memory reducer from ever shrinking the heap after start-up (README, "Memory").
 *
 * Only requests in `pending` need the timer: a request pushed later is sent at once or enqueued, and enqueuing
 * schedules the check itself. So with nothing pending no timer is armed; otherwise kafkajs's own scheduling runs.
 */
KafkaRequestQueueClass.prototype.scheduleCheckPendingRequests = function scheduleWhenPending(
  this: KafkaRequestQueue,
): void {
  if (this.pending.length === 0) {
    return;
  }
  upstream.call(this);
};
