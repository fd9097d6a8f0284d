import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { ensureTopicEventually, OUTBOX_PUBLISHER, OutboxRelay } from '@app/event-store';
import { brokers } from '@app/platform/config/common.config';
import type { OutboxPublisher } from '@app/event-store';
import { PG_POOL } from '@app/platform/db/database';
import { TICKET_API_CONFIG } from '../config/ticket-api.config';
import type { TicketApiConfig } from '../config/ticket-api.config';

/** Runs the outbox relay for the life of the app; the HTTP request never waits on Kafka. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;
  private topicReady = false;
  private readonly logger = new Logger('OutboxRelay');

  constructor(
    @Inject(PG_POOL) pool: Pool,
    @Inject(OUTBOX_PUBLISHER) private readonly publisher: OutboxPublisher,
    @Inject(TICKET_API_CONFIG) private readonly config: TicketApiConfig,
  ) {
    this.relay = new OutboxRelay(pool, publisher, {
      batchSize: config.OUTBOX_BATCH_SIZE,
      pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      lingerMs: config.OUTBOX_LINGER_MS,
      retryDelayMs: 500,
    });
  }

  /** Kafka as the relay last saw it: the topic was found or made, and the last publish went through. */
  get brokerReachable(): boolean {
    return this.topicReady && this.relay.stats.brokerReachable;
  }

  onApplicationBootstrap(): void {
    // commands land in the outbox while Kafka is down; the relay publishes once the topic exists
    void ensureTopicEventually(
      brokers(this.config),
      this.config.KAFKA_CLIENT_ID,
      this.config.TICKET_EVENTS_TOPIC,
      this.config.TICKET_EVENTS_PARTITIONS,
      (error) =>
        this.logger.warn(`Kafka not reachable yet, retrying topic check: ${String(error)}`),
    ).then(() => {
      this.topicReady = true;
    });
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.publisher.disconnect();
  }
}
