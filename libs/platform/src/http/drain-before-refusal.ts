import type { IncomingMessage } from 'node:http';

/** Long enough for the rest of a 10 MB upload on any working connection; a trickler is answered anyway. */
const DRAIN_BEFORE_ANSWER_MS = 5_000;

/** Resolves once the rest of the body has arrived (and been dropped), or after `ms`. */
export function bodyDrained(raw: IncomingMessage, ms = DRAIN_BEFORE_ANSWER_MS): Promise<void> {
  if (raw.complete || raw.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      raw.off('end', done);
      raw.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    raw.once('end', done);
    raw.once('close', done);
  });
}

/**
 * Before an error answer goes out with part of the body unread, the rest is read and dropped: closing while
 * bytes still arrive resets the connection, and the proxy in front may lose the answer with it (a 502).
 */
export async function drainBeforeRefusal(raw: IncomingMessage, status: number): Promise<void> {
  if (status < 400 || raw.complete || raw.destroyed) return;
  raw.unpipe();
  raw.resume();
  await bodyDrained(raw);
}
