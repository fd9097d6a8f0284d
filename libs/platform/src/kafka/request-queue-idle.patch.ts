/**
 * kafkajs 2.2.4 (its last release) re-arms a timer after every check of a connection's pending requests, even
 * with none pending and no throttle: a 1 ms loop per broker connection for the life of the client
 * (tulios/kafkajs#1704), which Node 24 also reports as a TimeoutNegativeWarning (#1751). Measured here: an
 * idle producer and consumer used 27-33 ms of CPU per second, 3.6-4.7 ms with this patch. With nothing
 * pending and no throttle there is nothing to check: the next push or the next response checks again.
 */
interface RequestQueue {
  pending: unknown[];
  throttledUntil: number;
  scheduleCheckPendingRequests(): void;
}

const PATCHED = Symbol.for('support-tickets.kafkajs-request-queue-idle');

export function patchRequestQueue(prototype: RequestQueue): void {
  const target = prototype as RequestQueue & { [PATCHED]?: true };
  if (target[PATCHED]) return;
  const schedule = prototype.scheduleCheckPendingRequests;
  prototype.scheduleCheckPendingRequests = function (this: RequestQueue) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  target[PATCHED] = true;
}

// kafkajs exports no path to its request queue
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { prototype } = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueue };
patchRequestQueue(prototype);
