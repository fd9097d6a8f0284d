import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem, getTicket, problemText } from '../api/client';
import type { Scope } from '../api/client';
import type { Ticket } from '../api/types';

/** Well inside the 5 s in which the other side's reply must show; a 304 costs one indexed row. */
export const POLL_MS = 2_000;

/** The ticket, kept current by polling with If-None-Match, and refreshed at once after our own writes. */
export function useLiveTicket(scope: Scope, ticketId: number) {
  const [ticket, setTicket] = useState<Ticket | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const version = useRef<number | undefined>(undefined);

  const refresh = useCallback(
    async (minVersion?: number) => {
      try {
        const read = await getTicket(scope, ticketId, {
          knownVersion: version.current,
          minVersion,
        });
        if ('ticket' in read) {
          version.current = read.ticket.version;
          setTicket(read.ticket);
        }
        setProblem(null);
      } catch (error) {
        // our own write not projected within the API's bound yet: the next poll shows it, no need to alarm
        if (error instanceof ApiProblem && error.problem.code === 'READ_MODEL_BEHIND') return;
        setProblem(problemText(error));
      }
    },
    [scope.key, scope.accountId, ticketId],
  );

  useEffect(() => {
    let stopped = false;
    let timer: number | undefined;
    const poll = async () => {
      if (!document.hidden) await refresh();
      if (!stopped) timer = window.setTimeout(() => void poll(), POLL_MS);
    };
    void poll();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [refresh]);

  return { ticket, problem, refresh };
}
