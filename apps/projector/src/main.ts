import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startEventConsumerApp } from '@app/event-store';
import { validateConfig } from '@app/platform/config/validate-config';
import { ProjectorConfig } from './config/projector.config';
import { ProjectorState } from './health/projector-state';
import { TicketEventsConsumer } from './projection/ticket-events.consumer';
import { ProjectorModule } from './projector.module';

async function bootstrap(): Promise<void> {
  const config = validateConfig(ProjectorConfig);
  const app = await startEventConsumerApp(ProjectorModule.register(config), config, {
    service: 'projector',
    handler: TicketEventsConsumer,
  });
  app.get(ProjectorState).consuming = true;
  new Logger('projector').log(
    `consuming ${config.TICKET_EVENTS_TOPIC} as ${config.PROJECTOR_GROUP_ID} into ${config.READ_MODEL_SCHEMA}; health on :${config.PORT}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
