import { Inject, Injectable, Logger } from '@nestjs/common';
import { isAccountStreamId, isTicketStreamId, isVisibleTo, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { toFeedItem } from '@app/event-feed';
import { fromEnvelope, parseEnvelope } from '@app/event-store';
import type { StoredEvent } from '@app/event-store';
import type {
  BatchHandler,
  FailureVerdict,
  PartitionBatch,
} from '@app/platform/kafka/partition-batch';
import { inSpan } from '@app/platform/tracing/tracing.port';
import { tracing } from '@app/platform/tracing/tracing';
import { PgWebhookStore, WebhookEndpointSet } from '@app/webhooks';
import type { DeliveryToEnqueue } from '@app/webhooks';
import { WEBHOOK_DISPATCHER_CONFIG } from '../config/webhook-dispatcher.config';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';
import { DeliveryWorker } from '../delivery/delivery-worker';
import { StreamAccounts } from './stream-accounts';

interface Readable {
  readonly stored: StoredEvent<TicketEvent>;
  /** The type as stored, which the endpoints' event_types name. */
  readonly storedType: string;
}

/**
 * Turns a partition's batch of ticket events into one pending delivery per endpoint that wants each, in one
 * statement; the offsets are committed after it, so an event is never lost between Kafka and the delivery
 * table. An event that no endpoint wants (the endpoint set is in memory) costs no query.
 */
@Injectable()
export class TicketEventsIntake implements BatchHandler {
  private readonly logger = new Logger('TicketEventsIntake');

  constructor(
    private readonly store: PgWebhookStore,
    private readonly endpoints: WebhookEndpointSet,
    private readonly accounts: StreamAccounts,
    private readonly worker: DeliveryWorker,
    @Inject(WEBHOOK_DISPATCHER_CONFIG) private readonly config: WebhookDispatcherConfig,
  ) {}

  apply(batch: PartitionBatch): Promise<void> {
    if (!tracing().enabled) return this.intake(batch);
    return inSpan(
      tracing(),
      `${batch.topic} webhook intake`,
      'consumer',
      batch.messages[0].trace,
      () => this.intake(batch),
    );
  }

  /** Recording deliveries fails only with the database: retried for as long as it takes. */
  failed(error: unknown, attempt: number, batch: PartitionBatch): Promise<FailureVerdict> {
    this.logger.warn(
      `recording deliveries at ${where(batch)} failed (attempt ${attempt}), retrying: ${String(error)}`,
    );
    return Promise.resolve('retry');
  }

  deadLetter(batch: PartitionBatch, error: unknown): Promise<void> {
    this.logger.warn(`skipping ${where(batch)}: ${String(error)}`);
    return Promise.resolve();
  }

  private async intake(batch: PartitionBatch): Promise<void> {
    const events: Readable[] = [];
    for (const message of batch.messages) {
      const event = readable(message.value);
      if (event) events.push(event);
      // an account's own events (its erasure) are no webhook's business
      else if (!isAccountStreamId(streamOf(message.value))) {
        this.logger.warn(`skipping a message that is not a ticket event at ${where(batch)}`);
      }
    }
    const recorded = await this.store.enqueueAll(await this.deliveries(events));
    if (recorded > 0) this.worker.wake();
  }

  /**
   * The events an endpoint may want, with their accounts; asks the database only about those. Endpoints are an
   * account's: they get what a customer sees, never a staff-only event.
   */
  private async deliveries(all: readonly Readable[]): Promise<DeliveryToEnqueue[]> {
    const known = this.endpoints.current;
    const events = all.filter((e) => isVisibleTo('customer', e.stored.event));
    const wanted = known
      ? events.filter((e) => known.mayWant(null, e.storedType, e.stored.recordedAt))
      : events;
    if (wanted.length === 0) return [];
    const accounts = await this.accounts.of(wanted.map((e) => e.stored.streamId));
    return wanted.flatMap(({ stored, storedType }) => {
      const accountId = accounts.get(stored.streamId);
      if (accountId === undefined) return [];
      if (known && !known.mayWant(accountId, storedType, stored.recordedAt)) return [];
      const item = toFeedItem(stored, accountId, 'customer');
      return [
        {
          eventId: stored.eventId,
          accountId,
          payload: { type: item.type, timestamp: item.recordedAt, data: item },
          retryWindowMs: this.config.WEBHOOK_RETRY_WINDOW_MS,
        },
      ];
    });
  }
}

function readable(value: unknown): Readable | null {
  try {
    const stored = fromEnvelope(parseEnvelope(value, isTicketStreamId));
    return {
      stored: { ...stored, event: upcastTicketEvent(stored.event) },
      storedType: stored.event.type,
    };
  } catch {
    return null;
  }
}

const streamOf = (value: unknown): string => {
  const streamId = (value as { streamId?: unknown } | null)?.streamId;
  return typeof streamId === 'string' ? streamId : '';
};

const where = (batch: PartitionBatch): string =>
  `${batch.topic}/${batch.partition}@${batch.messages[0].offset}`;
