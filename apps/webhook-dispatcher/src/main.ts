import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startEventConsumerApp } from '@app/event-store';
import { validateConfig } from '@app/platform/config/validate-config';
import { WebhookDispatcherConfig } from './config/webhook-dispatcher.config';
import { TicketEventsIntake } from './intake/ticket-events.intake';
import { WebhookDispatcherModule } from './webhook-dispatcher.module';

async function bootstrap(): Promise<void> {
  const config = validateConfig(WebhookDispatcherConfig);
  await startEventConsumerApp(WebhookDispatcherModule.register(config), config, {
    service: 'webhook-dispatcher',
    handler: TicketEventsIntake,
  });
  new Logger('webhook-dispatcher').log(
    `consuming ${config.TICKET_EVENTS_TOPIC} as ${config.WEBHOOK_DISPATCHER_GROUP_ID}; health on :${config.PORT}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
