import { Module } from '@nestjs/common';
import { createPool, PG_POOL, poolLifecycleProvider } from '@app/platform/db/database';
import { Metrics } from '@app/platform/observability/metrics';
import { Draining } from '@app/platform/health/readiness';
import { offsetCommitterProvider } from '@app/platform/kafka/offset-committer';
import { PgWebhookStore, WebhookSecretKeyring } from '@app/webhooks';
import { WEBHOOK_DISPATCHER_CONFIG } from './config/webhook-dispatcher.config';
import type { WebhookDispatcherConfig } from './config/webhook-dispatcher.config';
import { DeliveryWorker } from './delivery/delivery-worker';
import { WebhookSender } from './delivery/webhook-sender';
import { DispatcherHealthController } from './health/dispatcher-health.controller';
import { TicketEventsIntake } from './intake/ticket-events.intake';

export class WebhookDispatcherModule {
  static register(config: WebhookDispatcherConfig) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'webhook-dispatcher');
    const store = new PgWebhookStore(pool, WebhookSecretKeyring.parse(config.WEBHOOK_SECRET_KEYS));
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
    );
    @Module({
      controllers: [TicketEventsIntake, DispatcherHealthController],
      providers: [
        { provide: WEBHOOK_DISPATCHER_CONFIG, useValue: config },
        { provide: PG_POOL, useValue: pool },
        poolLifecycleProvider(pool),
        { provide: PgWebhookStore, useValue: store },
        { provide: Metrics, useValue: metrics },
        Draining,
        offsetCommitterProvider('TicketEventsIntake'),
        { provide: DeliveryWorker, useValue: worker },
        {
          provide: 'DELIVERY_WORKER_LIFECYCLE',
          useValue: {
            onApplicationBootstrap: () => worker.start(),
            beforeApplicationShutdown: () => worker.stop(),
          },
        },
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
