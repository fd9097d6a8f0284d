import { Webhook } from 'standardwebhooks';
import type { TicketsClient } from '@app/client';
import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import { clientFor } from '../support/client';
import { openTicket } from '../support/tickets';
import { eventOf, WebhookReceiver } from '../support/webhook-receiver';
import type { ReceivedWebhook } from '../support/webhook-receiver';

/** The dispatcher's consumer group may still be joining when the suite starts. */
const FIRST_DELIVERY_MS = 45_000;

async function register(client: TicketsClient, accountId: string, url: string) {
  const { data, response } = await client.POST('/api/webhooks', {
    params: { query: { accountId } },
    body: { url },
  });
  if (!data?.secret) throw new Error(`register answered ${response.status} without a secret`);
  return { ...data, secret: data.secret, location: response.headers.get('location') };
}

const reply = (client: TicketsClient, accountId: string, id: number, message: string) =>
  client.POST('/api/Ticket/{id}/message', {
    params: { path: { id }, query: { accountId } },
    body: { message },
  });

const isEvent = (type: string, ticketId: number) => (w: ReceivedWebhook) =>
  eventOf(w).type === type && eventOf(w).data.ticketId === ticketId;

describe('webhooks', () => {
  const receivers: WebhookReceiver[] = [];
  const receiver = async (answer?: ConstructorParameters<typeof WebhookReceiver>[0]) => {
    const created = new WebhookReceiver(answer);
    receivers.push(created);
    return { receiver: created, url: await created.start() };
  };

  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.stop()));
    await closeTestPool();
  });

  // the 2 s delivery latency is measured by `npm run bench:consumers`; here a loaded CI only proves delivery
  it('delivers a reply to an endpoint on loopback, signed as the Standard Webhooks spec says', async () => {
    const account = newAccountId();
    const client = clientFor(await customerKey(account));
    const { receiver: hooks, url } = await receiver();
    const endpoint = await register(client, account, url);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(endpoint.location).toBe(`/api/webhooks/${endpoint.id}?accountId=${account}`);

    const id = await openTicket(await customerKey(account), account);
    await hooks.waitFor(isEvent('TicketOpened', id), FIRST_DELIVERY_MS);
    await reply(client, account, id, 'Still failing.');
    const delivery = await hooks.waitFor(isEvent('MessageAdded', id), FIRST_DELIVERY_MS);

    const verified = new Webhook(endpoint.secret).verify(delivery.body, {
      'webhook-id': String(delivery.headers['webhook-id']),
      'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
      'webhook-signature': String(delivery.headers['webhook-signature']),
    }) as {
      type: string;
      data: { ticketId: number; accountId: string; data: { message: string } };
    };
    expect(verified.type).toBe('MessageAdded');
    expect(verified.data).toMatchObject({ ticketId: id, accountId: account });
    expect(verified.data.data.message).toBe('Still failing.');
    expect(() =>
      new Webhook(endpoint.secret).verify(delivery.body.replace('Still', 'Not'), {
        'webhook-id': String(delivery.headers['webhook-id']),
        'webhook-timestamp': String(delivery.headers['webhook-timestamp']),
        'webhook-signature': String(delivery.headers['webhook-signature']),
      }),
    ).toThrow();
  });

  it('gives a receiver that fails 3 times and then succeeds the event exactly once more', async () => {
    const account = newAccountId();
    const client = clientFor(await customerKey(account));
    const failures = new Map<string, number>();
    const { receiver: hooks, url } = await receiver((headers, body) => {
      if (!body.includes('"MessageAdded"') || !body.includes('"flaky"')) return 204;
      const id = String(headers['webhook-id']);
      const failed = failures.get(id) ?? 0;
      if (failed >= 3) return 200;
      failures.set(id, failed + 1);
      return 500;
    });
    const endpoint = await register(client, account, url);
    const id = await openTicket(await customerKey(account), account);
    await hooks.waitFor(isEvent('TicketOpened', id), FIRST_DELIVERY_MS);

    await reply(client, account, id, 'flaky');
    const success = await hooks.waitFor(
      (w) => isEvent('MessageAdded', id)(w) && w.answeredWith === 200,
      30_000,
    );
    await reply(client, account, id, 'after the flaky one');
    // per-ticket order: once this one arrives, nothing of the earlier event can still be on its way
    const after = await hooks.waitFor((w) => w.body.includes('after the flaky one'), 30_000);
    expect(after.at).toBeGreaterThanOrEqual(success.at);

    const attempts = hooks.received.filter(
      (w) => w.headers['webhook-id'] === success.headers['webhook-id'],
    );
    expect(attempts.map((w) => w.answeredWith)).toEqual([500, 500, 500, 200]);
    const gaps = attempts.slice(1).map((w, i) => w.at - attempts[i].at);
    expect(gaps.every((gap) => gap >= 90)).toBe(true);

    const log = await client.GET('/api/webhooks/{id}/deliveries', {
      params: { path: { id: endpoint.id }, query: { accountId: account } },
    });
    const flaky = log.data!.items.find((d) => d.messageId === success.headers['webhook-id']);
    expect(flaky).toMatchObject({ status: 'succeeded', attempts: 4, lastStatusCode: 200 });
  });

  it('sends a delivery again on request, with the same webhook-id', async () => {
    const account = newAccountId();
    const client = clientFor(await customerKey(account));
    const { receiver: hooks, url } = await receiver();
    const endpoint = await register(client, account, url);
    const id = await openTicket(await customerKey(account), account);
    const first = await hooks.waitFor(isEvent('TicketOpened', id), FIRST_DELIVERY_MS);
    const log = await client.GET('/api/webhooks/{id}/deliveries', {
      params: { path: { id: endpoint.id }, query: { accountId: account } },
    });
    const delivery = log.data!.items[0];

    const again = await client.POST('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
      params: { path: { id: endpoint.id, deliveryId: delivery.id }, query: { accountId: account } },
    });
    expect(again.response.status).toBe(202);
    const second = await hooks.waitFor(
      (w) => w !== first && isEvent('TicketOpened', id)(w),
      10_000,
    );
    expect(second.headers['webhook-id']).toBe(first.headers['webhook-id']);
  });

  it('refuses a receiver at a private, link-local or unresolvable address', async () => {
    const account = newAccountId();
    const client = clientFor(await customerKey(account));
    for (const url of [
      'http://10.1.2.3/hooks',
      'http://192.168.1.10:8080/hooks',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/hooks',
      'http://[fec0::1]/hooks',
      'http://[2001::1]/hooks',
      'http://[64:ff9b:1::a00:1]/hooks',
      // loopback, but behind a translation prefix: refused although this stack allows loopback receivers
      'http://[::127.0.0.1]/hooks',
      'http://[::ffff:0:7f00:1]/hooks',
      'http://no-such-host.invalid/hooks',
    ]) {
      const { error, response } = await client.POST('/api/webhooks', {
        params: { query: { accountId: account } },
        body: { url },
      });
      expect([url, response.status, (error as { code?: string }).code]).toEqual([
        url,
        400,
        'WEBHOOK_TARGET_REFUSED',
      ]);
    }
    const { data } = await client.GET('/api/webhooks', {
      params: { query: { accountId: account } },
    });
    expect(data!.items).toEqual([]);
  });

  it('keeps accounts apart on every webhook route', async () => {
    const [mine, other] = [newAccountId(), newAccountId()];
    const client = clientFor(await customerKey(mine));
    const intruder = clientFor(await customerKey(other));
    const staff = clientFor(await staffKey());
    const { url } = await receiver();
    const endpoint = await register(client, mine, url);
    const path = { id: endpoint.id };

    const asOther = { params: { query: { accountId: mine } } };
    expect((await intruder.GET('/api/webhooks', asOther)).response.status).toBe(403);
    expect(
      (await intruder.POST('/api/webhooks', { ...asOther, body: { url } })).response.status,
    ).toBe(403);
    const ownAccount = { path, query: { accountId: other } };
    expect(
      (await intruder.GET('/api/webhooks', { params: { query: { accountId: other } } })).data!
        .items,
    ).toEqual([]);
    expect(
      (await intruder.DELETE('/api/webhooks/{id}', { params: ownAccount })).response.status,
    ).toBe(404);
    expect(
      (await intruder.GET('/api/webhooks/{id}/deliveries', { params: ownAccount })).response.status,
    ).toBe(404);
    expect(
      (
        await intruder.POST('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { ...path, deliveryId: 1 }, query: { accountId: other } },
        })
      ).response.status,
    ).toBe(404);
    expect((await staff.DELETE('/api/webhooks/{id}', { params: ownAccount })).response.status).toBe(
      404,
    );

    const mineList = await client.GET('/api/webhooks', { params: { query: { accountId: mine } } });
    expect(mineList.data!.items.map((w) => w.id)).toEqual([endpoint.id]);
    expect(mineList.data!.items[0]).not.toHaveProperty('secret');
    const removed = await staff.DELETE('/api/webhooks/{id}', {
      params: { path, query: { accountId: mine } },
    });
    expect(removed.response.status).toBe(204);
  });

  it('refuses an 11th endpoint of one account with 409 WEBHOOK_LIMIT_REACHED, and takes one again after a delete', async () => {
    const account = newAccountId();
    const client = clientFor(await customerKey(account));
    const { url } = await receiver();
    const registered = [];
    for (let i = 0; i < 10; i += 1)
      registered.push(await register(client, account, `${url}?n=${i}`));
    const { error, response } = await client.POST('/api/webhooks', {
      params: { query: { accountId: account } },
      body: { url },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(error).toMatchObject({
      code: 'WEBHOOK_LIMIT_REACHED',
      detail:
        'An account can register at most 10 webhook endpoints; delete one to register another.',
    });
    await client.DELETE('/api/webhooks/{id}', {
      params: { path: { id: registered[0].id }, query: { accountId: account } },
    });
    expect((await register(client, account, url)).id).toBeGreaterThan(registered[9].id);
  });

  it('shows the secret once: a replay of the registration with its Idempotency-Key answers secret null', async () => {
    const account = newAccountId();
    const client = clientFor(await customerKey(account));
    const { url } = await receiver();
    const send = () =>
      client.POST('/api/webhooks', {
        params: { query: { accountId: account } },
        headers: { 'Idempotency-Key': `hook-${account}` },
        body: { url },
      });
    const first = await send();
    expect(first.response.status).toBe(201);
    expect(first.data!.secret).toMatch(/^whsec_/);

    const replay = await send();
    expect(replay.response.status).toBe(201);
    expect(replay.response.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.response.headers.get('location')).toBe(first.response.headers.get('location'));
    expect(replay.data).toEqual({ ...first.data, secret: null });

    const { rows } = await testPool().query<{ body: string }>(
      'SELECT response_body::text AS body FROM idempotency_keys WHERE idempotency_key = $1',
      [`hook-${account}`],
    );
    expect(rows[0].body).not.toContain(first.data!.secret!.slice('whsec_'.length));
  });
});
