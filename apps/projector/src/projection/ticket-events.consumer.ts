import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import type { Pool } from 'pg';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { Metrics } from '@app/platform/observability/metrics';
import { logContext } from '@app/platform/observability/logger';
import { messageTrace } from '@app/platform/kafka/kafka-trace';
import { OffsetCommitter } from '@app/platform/kafka/offset-committer';
import { inSpan } from '@app/platform/tracing/tracing.port';
import { tracing } from '@app/platform/tracing/tracing';
import { PROJECTOR_CONFIG, TICKET_EVENTS_TOPIC_NAME } from '../config/projector.config';
import type { ProjectorConfig } from '../config/projector.config';
import { ProjectorState } from '../health/projector-state';
import { DeadLetters } from './dead-letters';
import { classifyFailure, parseEnvelope } from './envelope';
import { TicketProjector } from './ticket-projector';

type Outcome = Awaited<ReturnType<TicketProjector['handle']>> | 'dead-lettered';

/** Consumes the ticket-event topic; an offset is committed only after its database transaction (in batches). */
@Controller()
export class TicketEventsConsumer {
  private readonly logger = new Logger('TicketEventsConsumer');
  private readonly counted: (labels?: Record<string, string>) => void;

  constructor(
    private readonly projector: TicketProjector,
    private readonly deadLetters: DeadLetters,
    private readonly state: ProjectorState,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly offsets: OffsetCommitter,
    metrics: Metrics,
  ) {
    this.counted = metrics.counter('projector_events_total', 'Events handled, by result');
  }

  @EventPattern(TICKET_EVENTS_TOPIC_NAME)
  onTicketEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    // the request that caused the event: its id follows it into the projector's log lines
    const reqId = (payload as { metadata?: { correlationId?: unknown } } | null)?.metadata
      ?.correlationId;
    if (typeof reqId !== 'string') return this.traced(payload, context);
    return logContext.run({ reqId }, () => this.traced(payload, context));
  }

  /** In a consumer span, child of the relay's publish span when tracing is on. */
  private traced(payload: unknown, context: KafkaContext): Promise<void> {
    if (!tracing().enabled) return this.project(payload, context);
    return inSpan(
      tracing(),
      `${context.getTopic()} project`,
      'consumer',
      messageTrace(context.getMessage().headers),
      () => this.project(payload, context),
    );
  }

  private async project(payload: unknown, context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    const partition = context.getPartition();
    this.state.started(partition, eventTime(payload, message.timestamp));
    try {
      const result = await this.applyUntilDone(payload, context);
      this.counted({ result });
      this.logger.log({
        msg: 'event projected',
        ticketId: ticketIdOf(payload),
        eventType: (payload as { type?: unknown } | null)?.type,
        result,
        partition,
        offset: message.offset,
      });
      await this.offsets.finished(
        context.getConsumer(),
        context.getTopic(),
        partition,
        message.offset,
      );
    } finally {
      this.state.finished(partition);
    }
  }

  private async applyUntilDone(payload: unknown, context: KafkaContext): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const envelope = parseEnvelope(payload);
        const result = await this.projector.handle(envelope);
        this.state.applied(envelope.recordedAt);
        return result;
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind === 'poison') return this.deadLetter(payload, context, error);
        if (
          kind === 'unknown' &&
          attempt >= this.config.PROJECTOR_MAX_ATTEMPTS &&
          (await this.databaseAnswers())
        ) {
          return this.deadLetter(payload, context, error);
        }
        if (this.state.stopping) throw error;
        this.logger.warn(`attempt ${attempt} failed (${kind}), retrying: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, this.config.PROJECTOR_RETRY_DELAY_MS));
        await context.getHeartbeat()();
      }
    }
  }

  private databaseAnswers(): Promise<boolean> {
    return databaseAnswers(this.pool);
  }

  private async deadLetter(
    payload: unknown,
    context: KafkaContext,
    error: unknown,
  ): Promise<'dead-lettered'> {
    const message = context.getMessage();
    this.logger.error(
      `dead-lettering ${context.getTopic()}/${context.getPartition()}@${message.offset}: ${String(error)}`,
    );
    await this.deadLetters.record({
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
      key: message.key === null || message.key === undefined ? null : String(message.key),
      payload: typeof payload === 'string' ? payload : (JSON.stringify(payload) ?? String(payload)),
      error: error instanceof Error ? error.message : String(error),
    });
    return 'dead-lettered';
  }
}

/** When the event was recorded in the store, else when Kafka got it: the age lag is measured from. */
function eventTime(payload: unknown, kafkaTimestamp: string): number {
  const recordedAt = (payload as { recordedAt?: unknown } | null)?.recordedAt;
  const parsed = typeof recordedAt === 'string' ? Date.parse(recordedAt) : Number.NaN;
  return Number.isNaN(parsed) ? Number(kafkaTimestamp) : parsed;
}

function ticketIdOf(payload: unknown): string | undefined {
  const streamId = (payload as { streamId?: unknown } | null)?.streamId;
  return typeof streamId === 'string' ? streamId.replace(/^ticket-/, '') : undefined;
}
