import { Transport } from '@nestjs/microservices';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { brokers } from '@app/platform/config/common.config';
import type { KafkaHttpConfig } from '@app/platform/config/common.config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { ensureTopic } from './kafka-outbox.publisher';

export interface EventConsumerOptions {
  /** Appended to KAFKA_CLIENT_ID. */
  readonly clientSuffix: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly partitionsConcurrently: number;
}

/**
 * A service that consumes the event topic in its own group (offsets committed by the handlers, after their
 * transactions) next to its HTTP health endpoint; listening once it returns.
 */
export async function startEventConsumerApp(
  module: unknown,
  config: KafkaHttpConfig,
  options: EventConsumerOptions,
): Promise<NestFastifyApplication> {
  await ensureTopic(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
  );
  const app = await createHttpApp(module, config, { bodyLimit: 1024 });
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: `${config.KAFKA_CLIENT_ID}-${options.clientSuffix}`,
        brokers: brokers(config),
      },
      consumer: {
        groupId: options.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: options.sessionTimeoutMs,
        heartbeatInterval: Math.min(3_000, Math.floor(options.sessionTimeoutMs / 3)),
      },
      subscribe: { fromBeginning: true },
      run: { autoCommit: false, partitionsConsumedConcurrently: options.partitionsConcurrently },
    },
  });
  await app.startAllMicroservices();
  await app.listen(config.PORT, config.HOST);
  return app;
}
