import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { KafkaOutboxPublisher, OUTBOX_PUBLISHER, personalDataProviders } from '@app/event-store';
import { IdempotencyStore } from '@app/platform/idempotency/idempotency.store';
import { brokers } from '@app/platform/config/common.config';
import { createPool, PG_POOL, poolLifecycleProvider } from '@app/platform/db/database';
import { apiKeyAuthProviders } from '@app/platform/auth/api-key-auth.providers';
import { Metrics } from '@app/platform/observability/metrics';
import { Draining } from '@app/platform/health/readiness';
import { TICKET_API_CONFIG } from './config/ticket-api.config';
import type { TicketApiConfig } from './config/ticket-api.config';
import { feedProviders } from './feed/feed.providers';
import { waitProviders } from './waits/wait.providers';
import { ReadFeedController } from './feed/read-feed/read-feed.controller';
import { ReadFeedHandler } from './feed/read-feed/read-feed.handler';
import { HealthController } from './health/health.controller';
import { WhoAmIController } from './me/who-am-i.controller';
import { agentProviders } from './agents/agents.providers';
import { ListAgentsController } from './agents/list-agents/list-agents.controller';
import { queueProviders } from './queue/queue.providers';
import { CountQueueController } from './queue/count-queue/count-queue.controller';
import { ReadQueueController } from './queue/read-queue/read-queue.controller';
import { ReadQueueHandler } from './queue/read-queue/read-queue.handler';
import { DeleteWebhookController } from './webhooks/delete-webhook/delete-webhook.controller';
import { ListDeliveriesController } from './webhooks/list-deliveries/list-deliveries.controller';
import { ListWebhooksController } from './webhooks/list-webhooks/list-webhooks.controller';
import { RedeliverController } from './webhooks/redeliver/redeliver.controller';
import { RegisterWebhookController } from './webhooks/register-webhook/register-webhook.controller';
import { webhookProviders } from './webhooks/webhooks.providers';
import { OpenApiController } from './openapi/openapi.controller';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { AuditCheckpointService } from './audit/checkpoints/audit-checkpoint.service';
import { auditProviders } from './audit/audit.providers';
import { ExportHistoryController } from './audit/export-history/export-history.controller';
import { ExportHistoryHandler } from './audit/export-history/export-history.handler';
import { ListKeysController } from './audit/list-keys/list-keys.controller';
import { AddMessageController } from './tickets/add-message/add-message.controller';
import { AddMessageHandler } from './tickets/add-message/add-message.handler';
import { ChangeStatusController } from './tickets/change-status/change-status.controller';
import { ChangeStatusHandler } from './tickets/change-status/change-status.handler';
import { AddNoteController } from './tickets/add-note/add-note.controller';
import { AddNoteHandler } from './tickets/add-note/add-note.handler';
import { AssignTicketController } from './tickets/assign-ticket/assign-ticket.controller';
import { AssignTicketHandler } from './tickets/assign-ticket/assign-ticket.handler';
import { ChangePriorityController } from './tickets/change-priority/change-priority.controller';
import { ChangePriorityHandler } from './tickets/change-priority/change-priority.handler';
import { CloseTicketController } from './tickets/close-ticket/close-ticket.controller';
import { CloseTicketHandler } from './tickets/close-ticket/close-ticket.handler';
import { GetTicketController } from './tickets/get-ticket/get-ticket.controller';
import { GetTicketHandler } from './tickets/get-ticket/get-ticket.handler';
import { GetTicketAsOfHandler } from './tickets/get-ticket/get-ticket-as-of.handler';
import { ListMessagesController } from './tickets/list-messages/list-messages.controller';
import { ListMessagesHandler } from './tickets/list-messages/list-messages.handler';
import { TicketHistoryController } from './tickets/ticket-history/ticket-history.controller';
import { TicketHistoryHandler } from './tickets/ticket-history/ticket-history.handler';
import { ListTicketsController } from './tickets/list-tickets/list-tickets.controller';
import { ListTicketsHandler } from './tickets/list-tickets/list-tickets.handler';
import { OpenTicketController } from './tickets/open-ticket/open-ticket.controller';
import { OpenTicketHandler } from './tickets/open-ticket/open-ticket.handler';
import { ResolveTicketController } from './tickets/resolve-ticket/resolve-ticket.controller';
import { ResolveTicketHandler } from './tickets/resolve-ticket/resolve-ticket.handler';
import {
  IdAllocator,
  TicketCommandRunner,
  ticketEventStoreProvider,
  ticketPersonalData,
} from '@app/ticket-store';
import { CachedTicketReadModel, PgTicketReadModel, TICKET_READ_MODEL } from '@app/read-model';
import { PgReadModelAdvances } from './tickets/get-ticket/read-model-advances';

export class TicketApiModule {
  static register(config: TicketApiConfig) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'ticket-api');
    const advances = new PgReadModelAdvances(config.DATABASE_URL, config.READ_MODEL_SCHEMA);
    const personalData = ticketPersonalData(pool, config);
    @Module({
      imports: [CqrsModule.forRoot()],
      controllers: [
        OpenTicketController,
        AddMessageController,
        CloseTicketController,
        ResolveTicketController,
        ChangeStatusController,
        AssignTicketController,
        AddNoteController,
        ChangePriorityController,
        ListTicketsController,
        GetTicketController,
        TicketHistoryController,
        ExportHistoryController,
        ListKeysController,
        ListMessagesController,
        WhoAmIController,
        ListAgentsController,
        ReadQueueController,
        CountQueueController,
        ReadFeedController,
        RegisterWebhookController,
        ListWebhooksController,
        DeleteWebhookController,
        ListDeliveriesController,
        RedeliverController,
        HealthController,
        OpenApiController,
      ],
      providers: [
        { provide: TICKET_API_CONFIG, useValue: config },
        { provide: PG_POOL, useValue: pool },
        poolLifecycleProvider(pool),
        ...agentProviders(pool),
        ...queueProviders(pool, config.READ_MODEL_SCHEMA),
        ...personalDataProviders(personalData),
        ...feedProviders(pool, config.DATABASE_URL, personalData),
        ...webhookProviders(pool, config),
        ...waitProviders(config, advances),
        ...auditProviders(config),
        ticketEventStoreProvider(pool, config.TICKET_EVENTS_TOPIC, personalData),
        {
          provide: OUTBOX_PUBLISHER,
          useValue: new KafkaOutboxPublisher(brokers(config), `${config.KAFKA_CLIENT_ID}-outbox`),
        },
        ...apiKeyAuthProviders(
          pool,
          {
            perSecond: config.RATE_LIMIT_PER_SECOND,
            burst: config.RATE_LIMIT_BURST,
            maxLease: config.RATE_LIMIT_LEASE,
          },
          config.DATABASE_URL,
        ),
        {
          provide: TICKET_READ_MODEL,
          useValue: new CachedTicketReadModel(
            new PgTicketReadModel(pool, config.READ_MODEL_SCHEMA),
            advances,
          ),
        },
        {
          provide: IdempotencyStore,
          useValue: new IdempotencyStore(pool, config.IDEMPOTENCY_TTL_HOURS),
        },
        Metrics,
        Draining,
        IdAllocator,
        TicketCommandRunner,
        OutboxRelayService,
        AuditCheckpointService,
        OpenTicketHandler,
        AddMessageHandler,
        CloseTicketHandler,
        ResolveTicketHandler,
        ChangeStatusHandler,
        AssignTicketHandler,
        AddNoteHandler,
        ChangePriorityHandler,
        GetTicketHandler,
        GetTicketAsOfHandler,
        TicketHistoryHandler,
        ExportHistoryHandler,
        ListMessagesHandler,
        ListTicketsHandler,
        ReadFeedHandler,
        ReadQueueHandler,
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
