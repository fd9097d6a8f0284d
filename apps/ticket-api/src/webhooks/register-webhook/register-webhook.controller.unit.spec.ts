import type { FastifyReply } from 'fastify';
import type { Principal } from '@app/platform/auth/principal';
import type { PgWebhookStore } from '@app/webhooks';
import { RegisterWebhookController } from './register-webhook.controller';

describe('registering a webhook', () => {
  it('refuses a URL whose host does not resolve within the lookup bound, without waiting for DNS', async () => {
    const controller = new RegisterWebhookController(
      {} as PgWebhookStore,
      { allowLoopback: false, lookup: () => new Promise<never>(() => undefined) },
      { maxEndpointsPerAccount: 10, lookupTimeoutMs: 50 },
    );
    const started = Date.now();
    await expect(
      controller.register(
        { url: 'https://slow-dns.example/hook' },
        { accountId: 'a1' } as Principal,
        {} as FastifyReply,
      ),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_TARGET_REFUSED',
      message: expect.stringContaining('unresolvable'),
    });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
