import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import { logLevel } from 'kafkajs';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { ensureTopicEventually } from '@app/event-store';
import { KAFKA_RETRY } from '@app/platform/kafka/kafka-client';
import { kafkaLogCreator } from '@app/platform/kafka/kafka-log';
import { brokers } from '@app/platform/config/common.config';
import { validateConfig } from '@app/platform/config/validate-config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { ProjectorConfig } from './config/projector.config';
import { ProjectorState } from './health/projector-state';
import { ProjectorModule } from './projector.module';

async function bootstrap(): Promise<void> {
  const config = validateConfig(ProjectorConfig);
  const logger = new Logger('projector');
  const app = await createHttpApp(ProjectorModule.register(config), config, {
    service: 'projector',
    bodyLimit: 1024,
  });
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: `${config.KAFKA_CLIENT_ID}-projector`,
        brokers: brokers(config),
        retry: KAFKA_RETRY,
        logLevel: logLevel.WARN,
        logCreator: kafkaLogCreator,
      },
      consumer: {
        groupId: config.PROJECTOR_GROUP_ID,
        allowAutoTopicCreation: false,
        sessionTimeout: config.PROJECTOR_SESSION_TIMEOUT_MS,
        heartbeatInterval: Math.min(3_000, Math.floor(config.PROJECTOR_SESSION_TIMEOUT_MS / 3)),
        retry: { ...KAFKA_RETRY, retries: Number.MAX_SAFE_INTEGER },
      },
      subscribe: { fromBeginning: true },
      run: {
        autoCommit: false,
        partitionsConsumedConcurrently: config.PROJECTOR_PARTITIONS_CONCURRENTLY,
      },
    },
  });
  await app.listen(config.PORT, config.HOST);
  logger.log(`health and metrics on :${config.PORT}`);
  // health and metrics answer while Kafka is down; consuming starts once the broker and topic are there
  await ensureTopicEventually(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
    (error) => logger.warn(`Kafka not reachable yet, retrying topic check: ${String(error)}`),
  );
  await app.startAllMicroservices();
  app.get(ProjectorState).consuming = true;
  logger.log(
    `consuming ${config.TICKET_EVENTS_TOPIC} as ${config.PROJECTOR_GROUP_ID} into ${config.READ_MODEL_SCHEMA}`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
