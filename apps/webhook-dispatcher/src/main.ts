import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { ensureTopic } from '@app/event-store';
import { brokers } from '@app/platform/config/common.config';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { WebhookDispatcherConfig } from './config/webhook-dispatcher.config';
import { WebhookDispatcherModule } from './webhook-dispatcher.module';

async function bootstrap(): Promise<void> {
  const config = validateConfig(WebhookDispatcherConfig);
  await ensureTopic(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
  );
  const app = await createHttpApp(WebhookDispatcherModule.register(config), config, {
    bodyLimit: 1024,
  });
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: { clientId: `${config.KAFKA_CLIENT_ID}-webhooks`, brokers: brokers(config) },
      consumer: {
        groupId: config.WEBHOOK_DISPATCHER_GROUP_ID,
        allowAutoTopicCreation: false,
        sessionTimeout: config.WEBHOOK_SESSION_TIMEOUT_MS,
        heartbeatInterval: Math.min(3_000, Math.floor(config.WEBHOOK_SESSION_TIMEOUT_MS / 3)),
      },
      subscribe: { fromBeginning: true },
      run: { autoCommit: false, partitionsConsumedConcurrently: 3 },
    },
  });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  new Logger('webhook-dispatcher').log(
    `consuming ${config.TICKET_EVENTS_TOPIC} as ${config.WEBHOOK_DISPATCHER_GROUP_ID}; health on :${config.PORT}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
