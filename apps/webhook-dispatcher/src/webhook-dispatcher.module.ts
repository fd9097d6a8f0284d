import { Module } from '@nestjs/common';
import { createPool, PG_POOL, poolLifecycleProvider } from '@app/platform/db/database';
import { Metrics } from '@app/platform/observability/metrics';
import { Draining } from '@app/platform/health/readiness';
import { Logger } from '@nestjs/common';
import { TICKET_PERSONAL_FIELDS } from '@app/domain';
import { eventConsumerProvider, personalDataCodec, personalDataProviders } from '@app/event-store';
import { PgWebhookStore, WebhookEndpointSet, WebhookSecretKeyring } from '@app/webhooks';
import { WEBHOOK_DISPATCHER_CONFIG } from './config/webhook-dispatcher.config';
import type { WebhookDispatcherConfig } from './config/webhook-dispatcher.config';
import { DeliveryWorker } from './delivery/delivery-worker';
import { payloadOpener } from './delivery/open-payload';
import { WebhookSender } from './delivery/webhook-sender';
import { DispatcherHealthController } from './health/dispatcher-health.controller';
import { StreamAccounts } from './intake/stream-accounts';
import { TicketEventsIntake } from './intake/ticket-events.intake';

export class WebhookDispatcherModule {
  static register(config: WebhookDispatcherConfig) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'webhook-dispatcher');
    const store = new PgWebhookStore(pool, WebhookSecretKeyring.parse(config.WEBHOOK_SECRET_KEYS));
    const personalData = personalDataCodec(pool, config, TICKET_PERSONAL_FIELDS);
    const endpoints = new WebhookEndpointSet(pool, config.DATABASE_URL, (error) =>
      new Logger('WebhookEndpointSet').warn(`endpoint set not loaded: ${String(error)}`),
    );
    const metrics = new Metrics();
    const attempts = metrics.counter('webhook_attempts_total', 'Delivery attempts, by outcome');
    const worker = new DeliveryWorker(
      store,
      new WebhookSender(
        { allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK },
        {
          timeoutMs: config.WEBHOOK_TIMEOUT_MS,
          maxResponseBytes: config.WEBHOOK_MAX_RESPONSE_BYTES,
        },
      ),
      {
        concurrency: config.WEBHOOK_CONCURRENCY,
        pollIntervalMs: config.WEBHOOK_POLL_INTERVAL_MS,
        leaseMs: config.WEBHOOK_TIMEOUT_MS * 2 + 5_000,
        perAccount: config.WEBHOOK_CLAIM_PER_ACCOUNT,
        retry: { baseMs: config.WEBHOOK_RETRY_BASE_MS, maxMs: config.WEBHOOK_RETRY_MAX_MS },
      },
      { onAttempt: (outcome) => attempts({ outcome }) },
      payloadOpener(personalData),
    );
    @Module({
      controllers: [DispatcherHealthController],
      providers: [
        { provide: WEBHOOK_DISPATCHER_CONFIG, useValue: config },
        { provide: PG_POOL, useValue: pool },
        poolLifecycleProvider(pool),
        ...personalDataProviders(personalData),
        { provide: PgWebhookStore, useValue: store },
        { provide: Metrics, useValue: metrics },
        Draining,
        { provide: WebhookEndpointSet, useValue: endpoints },
        { provide: StreamAccounts, useValue: new StreamAccounts(store) },
        TicketEventsIntake,
        eventConsumerProvider(config, {
          service: 'webhook-dispatcher',
          clientSuffix: 'webhooks',
          groupId: config.WEBHOOK_DISPATCHER_GROUP_ID,
          sessionTimeoutMs: config.WEBHOOK_SESSION_TIMEOUT_MS,
          partitionsConcurrently: 3,
          retryDelayMs: 1_000,
        }),
        { provide: DeliveryWorker, useValue: worker },
        {
          provide: 'DELIVERY_WORKER_LIFECYCLE',
          useValue: {
            onApplicationBootstrap: () => {
              worker.start();
              endpoints.listen().catch(() => undefined);
            },
            beforeApplicationShutdown: () => worker.stop(),
            onApplicationShutdown: () => endpoints.close(),
          },
        },
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
