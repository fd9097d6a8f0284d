import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { ensureTopicEventually } from '@app/event-store';
import { brokers } from '@app/platform/config/common.config';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { TicketApiModule } from './app.module';
import { TicketApiConfig } from './config/ticket-api.config';

const JSON_BODY_LIMIT = 256 * 1024;

async function bootstrap(): Promise<void> {
  const config = validateConfig(TicketApiConfig);
  const app = await createHttpApp(TicketApiModule.register(config), config, {
    service: 'ticket-api',
    bodyLimit: JSON_BODY_LIMIT,
  });
  const logger = new Logger('ticket-api');
  // commands land in the outbox meanwhile; the relay publishes once the topic exists
  void ensureTopicEventually(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
    (error) => logger.warn(`Kafka not reachable yet, retrying topic check: ${String(error)}`),
  );
  await app.listen(config.PORT, config.HOST);
  logger.log(`listening on http://${config.HOST}:${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
