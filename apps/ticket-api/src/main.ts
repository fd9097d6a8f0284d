import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ensureTopic } from '@app/event-store';
import { brokers } from '@app/platform/config/common.config';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { ticketErrorMapper } from '@app/ticket-http';
import { TicketApiModule } from './app.module';
import { TicketApiConfig } from './config/ticket-api.config';

const JSON_BODY_LIMIT = 256 * 1024;

async function bootstrap(): Promise<void> {
  const config = validateConfig(TicketApiConfig);
  await ensureTopic(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
  );
  const app = await createHttpApp(TicketApiModule.register(config), config, {
    bodyLimit: JSON_BODY_LIMIT,
    errorMappers: [ticketErrorMapper],
  });
  await app.listen(config.PORT, config.HOST);
  new Logger('ticket-api').log(`listening on http://${config.HOST}:${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
