import type { IncomingMessage } from 'node:http';

export interface MinimumRate {
  readonly bytesPerSecond: number;
  readonly windowMs: number;
}

/**
 * Cuts off a request whose body arrives slower than the minimum rate over any window, so a client that
 * trickles bytes cannot hold an upload place. Returns the function that stops watching.
 */
export function watchSlowBody(
  request: IncomingMessage,
  rate: MinimumRate,
  onSlow: () => void,
): () => void {
  if (rate.bytesPerSecond === 0) return () => undefined;
  const minBytes = (rate.bytesPerSecond * rate.windowMs) / 1000;
  const bytesRead = (): number => request.socket?.bytesRead ?? 0;
  let before = bytesRead();
  const timer = setInterval(() => {
    if (request.complete) return clearInterval(timer);
    const now = bytesRead();
    // paused by our own backpressure, or bytes still waiting for us (storage slower than the client):
    // not the client's fault
    const waitingOnUs = request.isPaused() || request.readableLength > 0;
    if (now - before < minBytes && !waitingOnUs) {
      clearInterval(timer);
      onSlow();
    }
    before = now;
  }, rate.windowMs);
  timer.unref();
  return () => clearInterval(timer);
}
