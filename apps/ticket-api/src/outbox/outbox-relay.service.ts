import { Inject, Injectable } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { OUTBOX_PUBLISHER, OutboxRelay } from '@app/event-store';
import type { OutboxPublisher } from '@app/event-store';
import { PG_POOL } from '@app/platform/db/database';
import { TICKET_API_CONFIG } from '../config/ticket-api.config';
import type { TicketApiConfig } from '../config/ticket-api.config';

/** Runs the outbox relay for the life of the app; the HTTP request never waits on Kafka. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(OUTBOX_PUBLISHER) private readonly publisher: OutboxPublisher,
    @Inject(TICKET_API_CONFIG) config: TicketApiConfig,
  ) {
    this.relay = new OutboxRelay(pool, publisher, {
      batchSize: config.OUTBOX_BATCH_SIZE,
      pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      retryDelayMs: 500,
    });
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.disconnect();
  }
}
