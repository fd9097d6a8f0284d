import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { generateApiKey } from '@app/platform/auth/api-key';
import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { createPool } from '@app/platform/db/database';
import { migrate } from '@app/platform/db/migrate';
import { startService, stopProcess } from '../setup/services';
import { fullyReady, waitFor } from '../setup/wait-for';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { startOtlpReceiver } from '../support/otlp-receiver';
import type { OtlpReceiver, ReceivedSpan } from '../support/otlp-receiver';
import { freePort } from '../support/projector-process';
import { aTicketRequest } from '../support/tickets';

/**
 * A ticket-api, a projector and a webhook-dispatcher of this test's own (own database, topic and groups, so
 * their relay and consumers see only this test's events), exporting to a collector on loopback.
 */
const RUN = randomUUID().slice(0, 8);
const DATABASE = `tickets_traces_${RUN}`;

describe('traces (OTEL_EXPORTER_OTLP_ENDPOINT set)', () => {
  let receiver: OtlpReceiver;
  let pool: Pool;
  let children: ChildProcess[] = [];
  let api: string;
  let key: string;
  let accountId: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    await testPool().query(`CREATE DATABASE ${DATABASE}`);
    const url = new URL(endpoints().DATABASE_URL);
    url.pathname = `/${DATABASE}`;
    pool = createPool(url.toString(), 2, 'traces-test');
    await migrate(pool);
    accountId = newAccountId();
    key = generateApiKey();
    await new PgApiKeyRepository(pool).create(key, 'customer', accountId);
    const ports = [await freePort(), await freePort(), await freePort()];
    const [apiPort, projectorPort, dispatcherPort] = ports;
    const env = {
      ...endpoints(),
      DATABASE_URL: url.toString(),
      TICKET_EVENTS_TOPIC: `ticket-events-traces-${RUN}`,
      TICKET_EVENTS_PARTITIONS: '1',
      PROJECTOR_GROUP_ID: `projector-traces-${RUN}`,
      WEBHOOK_DISPATCHER_GROUP_ID: `webhooks-traces-${RUN}`,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint,
    };
    children = [
      startService('ticket-api', env, { PORT: String(apiPort) }),
      startService('projector', env, { PORT: String(projectorPort) }),
      startService('webhook-dispatcher', env, { PORT: String(dispatcherPort) }),
    ];
    api = `http://127.0.0.1:${apiPort}`;
    for (const port of ports) {
      await waitFor(`traced service on :${port}`, fullyReady(`http://127.0.0.1:${port}/readyz`));
    }
  }, 120_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await pool?.end();
    await testPool().query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await closeTestPool();
    await receiver?.close();
  }, 60_000);

  it('one trace spans the HTTP request, the append, the relay publish and the projection (and the webhook intake), each the child of the one before', async () => {
    const traceId = randomBytes(16).toString('hex');
    const callerSpanId = randomBytes(8).toString('hex');
    const response = await fetch(`${api}/api/Ticket?accountId=${accountId}`, {
      method: 'POST',
      headers: {
        'x-api-key': key,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-${callerSpanId}-01`,
      },
      body: JSON.stringify(aTicketRequest()),
    });
    expect(response.status).toBe(201);

    const inTrace = () => receiver.spans.filter((s) => s.traceId === traceId);
    const spans = await eventually(
      () => Promise.resolve(inTrace()),
      (found) =>
        ['projector', 'webhook-dispatcher'].every((service) =>
          found.some((s) => s.service === service),
        ),
      30_000,
    );
    const named = (service: string, name: RegExp): ReceivedSpan | undefined =>
      spans.find((s) => s.service === service && name.test(s.name));
    const request = named('ticket-api', /^POST \/api\/Ticket$/);
    const append = named('ticket-api', /^ticket append$/);
    const publish = named('ticket-api', /publish$/);
    const projection = named('projector', /project$/);
    const intake = named('webhook-dispatcher', /webhook intake$/);
    const chain = [request, append, publish, projection, intake];
    // OTLP span kinds: server 2, internal 1, producer 4, consumer 5
    expect(chain.map((s) => s?.kind)).toEqual([2, 1, 4, 5, 5]);
    expect(chain.map((s) => s?.parentSpanId)).toEqual([
      callerSpanId,
      request?.spanId,
      append?.spanId,
      publish?.spanId,
      publish?.spanId,
    ]);

    const { rows } = await pool.query<{ data: object; metadata: Record<string, unknown> }>(
      `SELECT data, metadata FROM events WHERE metadata->>'traceparent' LIKE $1`,
      [`00-${traceId}-%`],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].metadata.traceparent).toBe(`00-${traceId}-${append?.spanId}-01`);
    expect(JSON.stringify(rows[0].data)).not.toContain(traceId);
  });
});

describe('traces (no OTLP endpoint, as the shared test stack runs)', () => {
  afterAll(() => closeTestPool());

  it('propagates nothing: a request with a traceparent stores an event without trace context', async () => {
    const accountId = newAccountId();
    const traceId = randomBytes(16).toString('hex');
    const opened = await api<{ id: number }>('POST', `/api/Ticket?accountId=${accountId}`, {
      key: await customerKey(accountId),
      body: aTicketRequest(),
      headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    });
    expect(opened.status).toBe(201);
    const { rows } = await testPool().query<{ metadata: Record<string, unknown> }>(
      'SELECT metadata FROM events WHERE stream_id = $1',
      [`ticket-${opened.body.id}`],
    );
    expect(rows).toHaveLength(1);
    expect(Object.keys(rows[0].metadata).sort()).toEqual([
      'actor',
      'correlationId',
      'customerVersion',
      'occurredAt',
    ]);
  });
});
