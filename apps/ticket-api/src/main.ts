import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { ticketErrorMapper } from '@app/ticket-http';
import { TicketApiModule } from './app.module';
import { TicketApiConfig } from './config/ticket-api.config';

const JSON_BODY_LIMIT = 256 * 1024;

async function bootstrap(): Promise<void> {
  const config = validateConfig(TicketApiConfig);
  const app = await createHttpApp(TicketApiModule.register(config), config, {
    service: 'ticket-api',
    bodyLimit: JSON_BODY_LIMIT,
    errorMappers: [ticketErrorMapper],
  });
  const logger = new Logger('ticket-api');
  await app.listen(config.PORT, config.HOST);
  logger.log(`listening on http://${config.HOST}:${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
