import { createServer } from 'node:http';
import type { RequestListener, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookSender } from './webhook-sender';

const webhook = (url: string) => ({
  url,
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  messageId: 'msg_1',
  body: '{"type":"TicketOpened"}',
});

describe('the webhook sender', () => {
  const servers: Server[] = [];
  const serve = async (handler: RequestListener): Promise<string> => {
    const server = createServer(handler);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  };
  const sender = new WebhookSender(
    { allowLoopback: true },
    { timeoutMs: 300, maxResponseBytes: 1024 },
  );

  afterAll(async () => {
    for (const server of servers) server.closeAllConnections();
    await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('posts the body with the Standard Webhooks headers and succeeds on a 2xx', async () => {
    const seen: Record<string, unknown>[] = [];
    const url = await serve((req, res) => {
      seen.push({ ...req.headers });
      res.writeHead(202).end();
    });
    await expect(sender.send(webhook(url))).resolves.toEqual({ ok: true, statusCode: 202 });
    expect(seen[0]).toMatchObject({
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]+=*$/),
    });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const url = await serve(() => undefined);
    const started = Date.now();
    const outcome = await sender.send(webhook(url));
    expect(outcome).toEqual({ ok: false, statusCode: null, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('counts the DNS lookup against the one deadline of the attempt', async () => {
    const url = await serve((_req, res) => void setTimeout(() => res.writeHead(200).end(), 200));
    const slowDns = new WebhookSender(
      {
        allowLoopback: true,
        lookup: () =>
          new Promise((resolve) =>
            setTimeout(() => resolve([{ address: '127.0.0.1', family: 4 }]), 200),
          ),
      },
      { timeoutMs: 300, maxResponseBytes: 1024 },
    );
    const started = Date.now();
    const outcome = await slowDns.send(webhook(url.replace('127.0.0.1', 'receiver.test')));
    expect(outcome).toEqual({ ok: false, statusCode: null, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives up a lookup that never answers within the deadline', async () => {
    const hangingDns = new WebhookSender(
      { allowLoopback: true, lookup: () => new Promise<never>(() => undefined) },
      { timeoutMs: 300, maxResponseBytes: 1024 },
    );
    await expect(hangingDns.send(webhook('http://receiver.test/hook'))).resolves.toEqual({
      ok: false,
      statusCode: null,
      error: 'no answer within 300 ms',
    });
  });

  it('refuses, at delivery time, a host that now resolves to a special-purpose address', async () => {
    const rebound = new WebhookSender(
      { allowLoopback: true, lookup: () => Promise.resolve([{ address: 'fec0::1', family: 6 }]) },
      { timeoutMs: 300, maxResponseBytes: 1024 },
    );
    await expect(rebound.send(webhook('https://receiver.test/hook'))).resolves.toMatchObject({
      ok: false,
      statusCode: null,
      error: expect.stringContaining('special-purpose'),
    });
  });

  it('stops reading an answer at the byte cap', async () => {
    let written = 0;
    const url = await serve((_req, res) => {
      res.writeHead(200);
      const chunk = Buffer.alloc(16 * 1024, 'x');
      const pump = () => {
        while (written < 50 * 1024 * 1024 && res.write(chunk)) written += chunk.length;
        if (written < 50 * 1024 * 1024 && !res.destroyed) res.once('drain', pump);
      };
      pump();
    });
    await expect(sender.send(webhook(url))).resolves.toEqual({ ok: true, statusCode: 200 });
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });

  it('does not follow redirects', async () => {
    const url = await serve((_req, res) =>
      res.writeHead(302, { location: 'http://10.0.0.1/' }).end(),
    );
    await expect(sender.send(webhook(url))).resolves.toMatchObject({ ok: false, statusCode: 302 });
  });

  it('refuses a loopback receiver when the development switch is off', async () => {
    const url = await serve((_req, res) => res.writeHead(200).end());
    const production = new WebhookSender(
      { allowLoopback: false },
      { timeoutMs: 300, maxResponseBytes: 1024 },
    );
    await expect(production.send(webhook(url))).resolves.toMatchObject({
      ok: false,
      statusCode: null,
      error: expect.stringContaining('loopback'),
    });
  });
});
