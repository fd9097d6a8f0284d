import 'reflect-metadata';
import fastifyMultipart from '@fastify/multipart';
import { Logger } from '@nestjs/common';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { ticketErrorMapper } from '@app/ticket-http';
import { AttachmentServiceModule } from './attachment-service.module';
import { MAX_ATTACHMENT_BYTES } from './attachments/shared/attachment-limits';
import { AttachmentServiceConfig } from './config/attachment-service.config';

async function bootstrap(): Promise<void> {
  const config = validateConfig(AttachmentServiceConfig);
  const app = await createHttpApp(AttachmentServiceModule.register(config), config, {
    service: 'attachment-service',
    bodyLimit: 64 * 1024,
    errorMappers: [ticketErrorMapper],
  });
  // the cast bridges the fastify copy nested under @nestjs/platform-fastify; the runtime plugin is the same
  await app.register(fastifyMultipart as unknown as Parameters<typeof app.register>[0], {
    // the handler counts the bytes itself; busboy's cap is a backstop one byte above it
    throwFileSizeLimit: false,
    limits: {
      fileSize: MAX_ATTACHMENT_BYTES + 1,
      files: 1,
      fields: 2,
      parts: 3,
      fieldNameSize: 100,
      fieldSize: 1024,
      headerPairs: 20,
    },
  });
  await app.listen(config.PORT, config.HOST);
  new Logger('attachment-service').log(`listening on http://${config.HOST}:${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
