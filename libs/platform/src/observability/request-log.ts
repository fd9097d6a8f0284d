import { rootLogger } from './logger';

const TICKET_IN_LOCATION = /\/api\/Ticket\/(\d+)/;

interface LoggedRequest {
  id: string;
  method: string;
  url: string;
  params: unknown;
  routeOptions: { url?: string };
}

interface LoggedReply {
  statusCode: number;
  elapsedTime: number;
  getHeader(name: string): unknown;
}

/** The ticket a request is about: its :id, or the one it created (Location). */
function ticketIdOf(request: LoggedRequest, reply: LoggedReply): string | undefined {
  const id = (request.params as { id?: unknown } | undefined)?.id;
  if (typeof id === 'string') return id;
  const location = reply.getHeader('location');
  return typeof location === 'string' ? TICKET_IN_LOCATION.exec(location)?.[1] : undefined;
}

/** An onResponse hook: one line per request with its id, route, status, latency and ticket. */
export function requestLogHook() {
  return async (request: LoggedRequest, reply: LoggedReply): Promise<void> => {
    const status = reply.statusCode;
    rootLogger()[status >= 500 ? 'error' : 'info'](
      {
        reqId: request.id,
        method: request.method,
        url: request.url,
        route: request.routeOptions.url ?? 'unmatched',
        status,
        latencyMs: Math.round(reply.elapsedTime * 10) / 10,
        ticketId: ticketIdOf(request, reply),
      },
      'request completed',
    );
  };
}
