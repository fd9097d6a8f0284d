import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logDir } from '../setup/services';
import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { aTicketRequest } from '../support/tickets';

type LogLine = Record<string, unknown>;

/** The JSON lines of one log file that carry the request id. */
function linesWith(file: string, reqId: string): LogLine[] {
  const path = join(logDir(), file);
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(0, -1) // only whole lines: the last one may still be being written
    .filter((line) => line.includes(reqId))
    .map((line) => JSON.parse(line) as LogLine);
}

describe('structured logs', () => {
  afterAll(closeTestPool);

  it('the logs of one request can be followed across the gateway, ticket-api and the projector by its id', async () => {
    const accountId = newAccountId();
    const reqId = `trace-${randomUUID()}`;
    const opened = await api('POST', `/api/Ticket?accountId=${accountId}`, {
      key: await customerKey(accountId),
      body: aTicketRequest(),
      headers: { 'x-request-id': reqId },
    });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('x-request-id')).toBe(reqId);
    const ticketId = String((opened.body as { id: number }).id);
    const { TICKET_API_PORT, PROJECTOR_PORT } = endpoints();

    const gateway = await eventually(
      async () => linesWith('nginx-access.log', reqId),
      (lines) => lines.length > 0,
      10_000,
    );
    expect(gateway[0]).toMatchObject({ service: 'gateway', reqId, method: 'POST', status: 201 });

    // pino writes asynchronously: the line may land after the gateway's
    const api_ = await eventually(
      async () => linesWith(`ticket-api-${TICKET_API_PORT}.log`, reqId),
      (lines) => lines.some((line) => line.status === 201),
      10_000,
    );
    expect(api_).toContainEqual(
      expect.objectContaining({
        service: 'ticket-api',
        level: 'info',
        reqId,
        route: '/api/Ticket',
        status: 201,
        ticketId,
        latencyMs: expect.any(Number),
      }),
    );

    const projector = await eventually(
      async () => linesWith(`projector-${PROJECTOR_PORT}.log`, reqId),
      (lines) => lines.length > 0,
      15_000,
    );
    expect(projector).toContainEqual(
      expect.objectContaining({
        service: 'projector',
        reqId,
        ticketId,
        eventType: 'TicketOpened',
        msg: 'event projected',
      }),
    );
  });
});
