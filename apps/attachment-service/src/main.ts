import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { AttachmentServiceModule } from './attachment-service.module';
import { AttachmentServiceConfig } from './config/attachment-service.config';

async function bootstrap(): Promise<void> {
  const config = validateConfig(AttachmentServiceConfig);
  const app = await createHttpApp(AttachmentServiceModule.register(config), config, {
    bodyLimit: 64 * 1024,
  });
  await app.listen(config.PORT, config.HOST);
  new Logger('attachment-service').log(`listening on http://${config.HOST}:${config.PORT}`);
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
