import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { lastValueFrom, of } from 'rxjs';
import { IdempotencyInterceptor } from '@app/platform/idempotency/idempotency.interceptor';
import type { IdempotencyStore, StoredResponse } from '@app/platform/idempotency/idempotency.store';
import { RegisterWebhookController } from './register-webhook.controller';

/** An idempotency store in memory: what the interceptor records is what a replay answers. */
function memoryStore() {
  const records = new Map<string, StoredResponse>();
  const store = {
    claim: (_apiKeyId: string, key: string) =>
      Promise.resolve(
        records.has(key)
          ? { outcome: 'replay' as const, response: records.get(key)! }
          : { outcome: 'claimed' as const },
      ),
    complete: (_apiKeyId: string, key: string, response: StoredResponse) => {
      records.set(key, response);
      return Promise.resolve();
    },
    release: () => Promise.resolve(),
    purgeExpired: () => Promise.resolve(0),
  };
  return { records, store: store as unknown as IdempotencyStore };
}

const registration = {
  id: 7,
  url: 'https://hooks.example/t',
  eventTypes: null,
  createdAt: '2026-12-04T00:00:00.000Z',
  disabledAt: null,
  disabledReason: null,
  secret: 'whsec_c2hvd24tb25jZQ==',
};

describe('registering a webhook with an Idempotency-Key', () => {
  const { records, store } = memoryStore();
  const interceptor = new IdempotencyInterceptor(store, new Reflector());
  afterAll(() => interceptor.onModuleDestroy());

  const call = (answer: CallHandler) => {
    const request = {
      method: 'POST',
      url: '/api/webhooks?accountId=a1',
      body: { url: registration.url },
      headers: { 'idempotency-key': 'register-once' },
      principal: { apiKeyId: 'key-1', accountId: 'a1' },
    };
    const reply = { getHeader: () => undefined, headers: () => reply, header: () => reply };
    const context = {
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
      getHandler: () => RegisterWebhookController.prototype.register,
    } as unknown as ExecutionContext;
    return lastValueFrom(interceptor.intercept(context, answer));
  };

  it('answers the secret the first time, keeps it out of the record, and replays the registration with secret null', async () => {
    await expect(call({ handle: () => of(registration) })).resolves.toEqual(registration);
    expect(JSON.stringify([...records.values()])).not.toContain('c2hvd24tb25jZQ');

    const replayed = await call({ handle: () => of({ ...registration, id: 8 }) });
    expect(replayed).toEqual({ ...registration, secret: null });
  });
});
