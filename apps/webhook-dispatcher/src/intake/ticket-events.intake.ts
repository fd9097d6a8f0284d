import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { toFeedItem } from '@app/event-feed';
import { fromEnvelope } from '@app/event-store';
import type { EventEnvelope, StoredEvent } from '@app/event-store';
import { messageTrace } from '@app/platform/kafka/kafka-trace';
import { OffsetCommitter } from '@app/platform/kafka/offset-committer';
import { inSpan } from '@app/platform/tracing/tracing.port';
import { tracing } from '@app/platform/tracing/tracing';
import { PgWebhookStore } from '@app/webhooks';
import {
  TICKET_EVENTS_TOPIC_NAME,
  WEBHOOK_DISPATCHER_CONFIG,
} from '../config/webhook-dispatcher.config';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { DeliveryWorker } from '../delivery/delivery-worker';

const RETRY_DELAY_MS = 1_000;

/**
 * Turns each ticket event into one pending delivery per endpoint that wants it. The offset is committed
 * after the deliveries are recorded, so an event is never lost between Kafka and the delivery table.
 */
@Controller()
export class TicketEventsIntake {
  private readonly logger = new Logger('TicketEventsIntake');
  stopping = false;

  constructor(
    private readonly store: PgWebhookStore,
    private readonly worker: DeliveryWorker,
    @Inject(WEBHOOK_DISPATCHER_CONFIG) private readonly config: WebhookDispatcherConfig,
    private readonly offsets: OffsetCommitter,
  ) {}

  @EventPattern(TICKET_EVENTS_TOPIC_NAME)
  onTicketEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    if (!tracing().enabled) return this.intake(payload, context);
    return inSpan(
      tracing(),
      `${context.getTopic()} webhook intake`,
      'consumer',
      messageTrace(context.getMessage().headers),
      () => this.intake(payload, context),
    );
  }

  private async intake(payload: unknown, context: KafkaContext): Promise<void> {
    const stored = readable(payload);
    if (stored) await this.recordUntilDone(stored, context);
    else this.logger.warn(`skipping a message that is not a ticket event at ${offsetOf(context)}`);
    await this.offsets.finished(
      context.getConsumer(),
      context.getTopic(),
      context.getPartition(),
      context.getMessage().offset,
    );
  }

  private async recordUntilDone(
    stored: StoredEvent<TicketEvent>,
    context: KafkaContext,
  ): Promise<void> {
    for (;;) {
      try {
        const recorded = await this.record(stored);
        if (recorded > 0) this.worker.wake();
        return;
      } catch (error) {
        if (this.stopping) throw error;
        this.logger.warn(
          `recording deliveries of ${stored.eventId} failed, retrying: ${String(error)}`,
        );
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
        await context.getHeartbeat()();
      }
    }
  }

  private async record(stored: StoredEvent<TicketEvent>): Promise<number> {
    const accountId = await this.store.accountOfEvent(stored.eventId);
    if (accountId === null) return 0;
    const item = toFeedItem(stored, accountId);
    return this.store.enqueue({
      eventId: stored.eventId,
      accountId,
      payload: { type: item.type, timestamp: item.recordedAt, data: item },
      retryWindowMs: this.config.WEBHOOK_RETRY_WINDOW_MS,
    });
  }
}

function readable(payload: unknown): StoredEvent<TicketEvent> | null {
  try {
    const stored = fromEnvelope(payload as EventEnvelope);
    return { ...stored, event: upcastTicketEvent(stored.event) };
  } catch {
    return null;
  }
}

const offsetOf = (context: KafkaContext): string =>
  `${context.getTopic()}/${context.getPartition()}@${context.getMessage().offset}`;
