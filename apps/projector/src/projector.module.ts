import { Module } from '@nestjs/common';
import { brokers } from '@app/platform/config/common.config';
import { createPool, PG_POOL, poolLifecycleProvider } from '@app/platform/db/database';
import { ticketEventStore, ticketPersonalData } from '@app/ticket-store';
import { Metrics } from '@app/platform/observability/metrics';
import { Draining } from '@app/platform/health/readiness';
import { eventConsumerProvider, personalDataProviders } from '@app/event-store';
import { PROJECTOR_CONFIG } from './config/projector.config';
import type { ProjectorConfig } from './config/projector.config';
import { ConsumerLag } from './health/consumer-lag';
import { ProjectorHealthController } from './health/projector-health.controller';
import { ProjectorState } from './health/projector-state';
import { DeadLetters } from './projection/dead-letters';
import { TicketEventsConsumer } from './projection/ticket-events.consumer';
import { TicketProjector } from './projection/ticket-projector';

export class ProjectorModule {
  static register(config: ProjectorConfig) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'projector');
    const personalData = ticketPersonalData(pool, config);
    const store = ticketEventStore(pool, config.TICKET_EVENTS_TOPIC, personalData);
    const state = new ProjectorState();
    @Module({
      controllers: [ProjectorHealthController],
      providers: [
        { provide: PROJECTOR_CONFIG, useValue: config },
        { provide: PG_POOL, useValue: pool },
        poolLifecycleProvider(pool),
        ...personalDataProviders(personalData),
        {
          provide: TicketProjector,
          useValue: new TicketProjector(pool, store, config.READ_MODEL_SCHEMA, personalData),
        },
        {
          provide: DeadLetters,
          useValue: new DeadLetters(pool, config.PROJECTOR_GROUP_ID, config.READ_MODEL_SCHEMA),
        },
        { provide: ProjectorState, useValue: state },
        {
          provide: ConsumerLag,
          useValue: new ConsumerLag(
            brokers(config),
            `${config.KAFKA_CLIENT_ID}-projector-lag`,
            config.PROJECTOR_GROUP_ID,
            config.TICKET_EVENTS_TOPIC,
            (partition) => state.inFlightSince(partition),
          ),
        },
        Metrics,
        Draining,
        TicketEventsConsumer,
        eventConsumerProvider(config, {
          service: 'projector',
          clientSuffix: 'projector',
          groupId: config.PROJECTOR_GROUP_ID,
          sessionTimeoutMs: config.PROJECTOR_SESSION_TIMEOUT_MS,
          partitionsConcurrently: config.PROJECTOR_PARTITIONS_CONCURRENTLY,
          retryDelayMs: config.PROJECTOR_RETRY_DELAY_MS,
        }),
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
