import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, KafkaContext, Payload } from '@nestjs/microservices';
import { Metrics } from '@app/platform/observability/metrics';
import { PROJECTOR_CONFIG, TICKET_EVENTS_TOPIC_NAME } from '../config/projector.config';
import type { ProjectorConfig } from '../config/projector.config';
import { ProjectorState } from '../health/projector-state';
import { DeadLetters } from './dead-letters';
import { isTransient, parseEnvelope } from './envelope';
import { TicketProjector } from './ticket-projector';

/** Consumes the ticket-event topic; an offset is committed only after its database transaction. */
@Controller()
export class TicketEventsConsumer {
  private readonly logger = new Logger('TicketEventsConsumer');
  private readonly counted: (labels?: Record<string, string>) => void;

  constructor(
    private readonly projector: TicketProjector,
    private readonly deadLetters: DeadLetters,
    private readonly state: ProjectorState,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    metrics: Metrics,
  ) {
    this.counted = metrics.counter('projector_events_total', 'Events handled, by result');
  }

  @EventPattern(TICKET_EVENTS_TOPIC_NAME)
  async onTicketEvent(@Payload() payload: unknown, @Ctx() context: KafkaContext): Promise<void> {
    const message = context.getMessage();
    const result = await this.applyUntilDone(payload, context);
    this.counted({ result });
    await context.getConsumer().commitOffsets([
      {
        topic: context.getTopic(),
        partition: context.getPartition(),
        offset: (BigInt(message.offset) + 1n).toString(),
      },
    ]);
  }

  private async applyUntilDone(payload: unknown, context: KafkaContext): Promise<string> {
    for (;;) {
      try {
        const envelope = parseEnvelope(payload);
        const result = await this.projector.handle(envelope);
        this.state.applied(envelope.recordedAt);
        return result;
      } catch (error) {
        if (!isTransient(error)) return this.deadLetter(payload, context, error);
        this.logger.warn(`transient failure, retrying: ${String(error)}`);
        if (this.state.stopping) throw error;
        await new Promise((resolve) => setTimeout(resolve, this.config.PROJECTOR_RETRY_DELAY_MS));
        await context.getHeartbeat()();
      }
    }
  }

  private async deadLetter(
    payload: unknown,
    context: KafkaContext,
    error: unknown,
  ): Promise<string> {
    const message = context.getMessage();
    this.logger.error(`dead-lettering offset ${message.offset}: ${String(error)}`);
    await this.deadLetters.record({
      topic: context.getTopic(),
      partition: context.getPartition(),
      offset: message.offset,
      key: message.key === null ? null : String(message.key),
      payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      error: error instanceof Error ? error.message : String(error),
    });
    return 'dead-lettered';
  }
}
