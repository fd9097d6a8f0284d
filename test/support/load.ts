const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Answer {
  status: number;
  contentType: string;
  body: any;
  /** When the answer came, ms since the load started. */
  at: number;
}

/**
 * Sends requests from `workers` loops until `stop()` is called or `maxMs` has passed (each loop bounded in count
 * too); a request that fails at the socket is status 0.
 */
export function loadUntilStopped(
  send: (n: number) => Promise<Response>,
  options: { workers: number; maxMs: number; maxRequests: number; pauseAfterRefusalMs?: number },
) {
  const started = Date.now();
  const answers: Answer[] = [];
  let stopped = false;
  let sent = 0;
  const loop = async () => {
    while (!stopped && Date.now() - started < options.maxMs && sent < options.maxRequests) {
      const n = sent++;
      try {
        const response = await send(n);
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON
        }
        answers.push({
          status: response.status,
          contentType: response.headers.get('content-type') ?? '',
          body,
          at: Date.now() - started,
        });
        // a client backs off on a refusal, as its Retry-After asks, instead of spinning through its budget
        if (response.status >= 500) await pause(options.pauseAfterRefusalMs ?? 100);
      } catch (error) {
        answers.push({ status: 0, contentType: '', body: String(error), at: Date.now() - started });
      }
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, loop));
  return {
    answers,
    elapsedMs: () => Date.now() - started,
    async stop(): Promise<Answer[]> {
      stopped = true;
      await done;
      return answers;
    },
  };
}
