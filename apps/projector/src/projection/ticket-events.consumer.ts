import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import type {
  BatchHandler,
  ConsumedMessage,
  FailureVerdict,
  PartitionBatch,
} from '@app/platform/kafka/partition-batch';
import { Metrics } from '@app/platform/observability/metrics';
import { logContext } from '@app/platform/observability/logger';
import { inSpan } from '@app/platform/tracing/tracing.port';
import { tracing } from '@app/platform/tracing/tracing';
import { PROJECTOR_CONFIG } from '../config/projector.config';
import type { ProjectorConfig } from '../config/projector.config';
import { ProjectorState } from '../health/projector-state';
import { DeadLetters } from './dead-letters';
import { classifyFailure, parseTicketEnvelope } from './envelope';
import type { ProjectionResult } from './ticket-projector';
import { TicketProjector } from './ticket-projector';
import { MergedBatches } from './merged-batches';
import type { EventEnvelope } from '@app/event-store';

/** Projects a partition's batch in one transaction; its offsets are committed only after that commit. */
@Injectable()
export class TicketEventsConsumer implements BatchHandler {
  private readonly logger = new Logger('TicketEventsConsumer');
  private readonly counted: (labels?: Record<string, string>) => void;
  private readonly batches: MergedBatches<EventEnvelope, ProjectionResult>;

  constructor(
    private readonly projector: TicketProjector,
    private readonly deadLetters: DeadLetters,
    private readonly state: ProjectorState,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    metrics: Metrics,
  ) {
    this.counted = metrics.counter('projector_events_total', 'Events handled, by result');
    this.batches = new MergedBatches((envelopes) => this.projector.handleBatch(envelopes));
  }

  /** In a consumer span, child of the relay's publish span of the first message, when tracing is on. */
  apply(batch: PartitionBatch): Promise<void> {
    if (!tracing().enabled) return this.project(batch);
    return inSpan(tracing(), `${batch.topic} project`, 'consumer', batch.messages[0].trace, () =>
      this.project(batch),
    );
  }

  /** Poison at once; an unknown failure after PROJECTOR_MAX_ATTEMPTS while the database answers. */
  async failed(error: unknown, attempt: number, batch: PartitionBatch): Promise<FailureVerdict> {
    const kind = classifyFailure(error);
    if (kind === 'poison') return 'poison';
    if (
      kind === 'unknown' &&
      attempt >= this.config.PROJECTOR_MAX_ATTEMPTS &&
      (await databaseAnswers(this.pool))
    ) {
      return 'poison';
    }
    this.logger.warn(
      `attempt ${attempt} at ${where(batch)} failed (${kind}), retrying: ${String(error)}`,
    );
    return 'retry';
  }

  async deadLetter(batch: PartitionBatch, error: unknown): Promise<void> {
    const [message] = batch.messages;
    this.logger.error(`dead-lettering ${where(batch)}: ${String(error)}`);
    await this.deadLetters.record({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key,
      payload: message.text,
      error: error instanceof Error ? error.message : String(error),
    });
    this.counted({ result: 'dead-lettered' });
  }

  private async project(batch: PartitionBatch): Promise<void> {
    const { partition, messages } = batch;
    this.state.started(partition, eventTime(messages[0]));
    try {
      const envelopes = messages.map((m) => parseTicketEnvelope(m.value));
      const results = await this.batches.call(envelopes);
      this.state.applied(envelopes[envelopes.length - 1].recordedAt);
      messages.forEach((message, i) => this.logged(message, partition, results[i]));
    } finally {
      this.state.finished(partition);
    }
  }

  private logged(message: ConsumedMessage, partition: number, result: ProjectionResult): void {
    this.counted({ result });
    const value = message.value as { streamId: string; type: string };
    const line = {
      msg: 'event projected',
      ticketId: value.streamId.replace(/^ticket-/, ''),
      eventType: value.type,
      result,
      partition,
      offset: message.offset,
    };
    // the request that caused the event: its id follows it into the projector's log lines
    if (message.correlationId === undefined) this.logger.log(line);
    else logContext.run({ reqId: message.correlationId }, () => this.logger.log(line));
  }
}

const where = (batch: PartitionBatch): string =>
  `${batch.topic}/${batch.partition}@${batch.messages[0].offset}` +
  (batch.messages.length > 1 ? `..${batch.messages[batch.messages.length - 1].offset}` : '');

/** When the event was recorded in the store, else when Kafka got it: the age lag is measured from. */
function eventTime(message: ConsumedMessage): number {
  const recordedAt = (message.value as { recordedAt?: unknown } | null)?.recordedAt;
  const parsed = typeof recordedAt === 'string' ? Date.parse(recordedAt) : Number.NaN;
  return Number.isNaN(parsed) ? Number(message.timestamp) : parsed;
}
