import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';
import { serverVersions } from '../setup/versions';

type ServicePort =
  'TICKET_API_PORT' | 'ATTACHMENT_PORT' | 'PROJECTOR_PORT' | 'WEBHOOK_DISPATCHER_PORT';
const service = (portVar: ServicePort, path: string) =>
  fetch(`http://127.0.0.1:${endpoints()[portVar]}${path}`);

describe('health and metrics for ops', () => {
  afterAll(closeTestPool);

  it('the gateway and every service answer /health with 200 when their dependencies are up', async () => {
    expect((await api('GET', '/health')).status).toBe(200);
    for (const portVar of ['TICKET_API_PORT', 'ATTACHMENT_PORT', 'PROJECTOR_PORT'] as const) {
      const response = await service(portVar, '/health');
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'up', database: 'up' });
    }
  });

  it('every service is alive and ready, with its dependencies listed', async () => {
    const expected = {
      TICKET_API_PORT: { database: 'up', kafka: 'up' },
      ATTACHMENT_PORT: { database: 'up', storage: 'up' },
      PROJECTOR_PORT: { database: 'up', kafka: 'up' },
    } as const;
    for (const [portVar, dependencies] of Object.entries(expected)) {
      const port = portVar as keyof typeof expected;
      expect((await service(port, '/livez')).status).toBe(200);
      const ready = await service(port, '/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ ready: true, status: 'ready', dependencies });
    }
  });

  it('the public gateway answers 404 for metrics and probes, and keeps its own /health', async () => {
    for (const path of ['/metrics', '/livez', '/readyz', '/health/', '/metrics?x=1']) {
      const response = await api('GET', path);
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/problem+json');
    }
    expect((await api('GET', '/health')).body).toEqual({ status: 'ok' });
  });

  it('ticket-api types its published-events count as a counter, and exports process metrics', async () => {
    const text = await (await service('TICKET_API_PORT', '/metrics')).text();
    expect(text).toContain('# TYPE outbox_published_total counter');
    expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
    expect(text).toContain('# TYPE process_resident_memory_bytes gauge');
  });

  it('ticket-api exports request latency by route and status, and its outbox backlog', async () => {
    const accountId = newAccountId();
    await openTicket(await customerKey(accountId), accountId);
    const text = await (await service('TICKET_API_PORT', '/metrics')).text();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="POST",route="\/api\/Ticket",status="201"\} \d+/,
    );
    expect(text).toMatch(/^outbox_backlog \d+$/m);
  });

  it('every service runs on the Node.js LTS line that versions.env names', async () => {
    const major = serverVersions().NODE_VERSION.split('.')[0];
    const ports: ServicePort[] = [
      'TICKET_API_PORT',
      'ATTACHMENT_PORT',
      'PROJECTOR_PORT',
      'WEBHOOK_DISPATCHER_PORT',
    ];
    for (const port of ports) {
      const text = await (await service(port, '/metrics')).text();
      expect({ port, version: /nodejs_version_info\{version="(v[\d.]+)"/.exec(text)?.[1] }).toEqual(
        {
          port,
          version: expect.stringMatching(new RegExp(`^v${major}\\.`)),
        },
      );
    }
  });

  it('the attachment-service exports its upload capacity and the projector its lag', async () => {
    expect(await (await service('ATTACHMENT_PORT', '/metrics')).text()).toMatch(
      /^uploads_capacity \d+$/m,
    );
    const projector = await (await service('PROJECTOR_PORT', '/metrics')).text();
    expect(projector).toMatch(/^projector_lag_events \d+$/m);
    expect(projector).toMatch(/^projector_lag_seconds [\d.]+$/m);
  });
});
