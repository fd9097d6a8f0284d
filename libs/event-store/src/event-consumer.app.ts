import { Logger } from '@nestjs/common';
import { Transport } from '@nestjs/microservices';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { logLevel } from 'kafkajs';
import { brokers } from '@app/platform/config/common.config';
import type { KafkaHttpConfig } from '@app/platform/config/common.config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { KAFKA_RETRY } from '@app/platform/kafka/kafka-client';
import { kafkaLogCreator } from '@app/platform/kafka/kafka-log';
import { ensureTopicEventually } from './kafka-outbox.publisher';

/**
 * How long a rebalance waits for the group's members to rejoin. A broker restarted after a crash reloads the
 * group with the member that died with the connection, and a join waited for it until its session expired
 * (30 s); now it is dropped after this. Members see a rebalance within a second (heartbeat and fetch wait).
 */
export const CONSUMER_REBALANCE_TIMEOUT_MS = 3_000;

export interface EventConsumerOptions {
  /** The service's name in its log lines. */
  readonly service: string;
  /** Appended to KAFKA_CLIENT_ID. */
  readonly clientSuffix: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly partitionsConcurrently: number;
}

/**
 * A service that consumes the event topic in its own group (offsets committed by the handlers, after their
 * transactions) next to its HTTP health endpoint. Health and metrics answer while Kafka is down; it returns
 * once the broker and topic are there and consuming has started.
 */
export async function startEventConsumerApp(
  module: unknown,
  config: KafkaHttpConfig,
  options: EventConsumerOptions,
): Promise<NestFastifyApplication> {
  const logger = new Logger(options.service);
  const app = await createHttpApp(module, config, { service: options.service, bodyLimit: 1024 });
  app.connectMicroservice<MicroserviceOptions>({
    transport: Transport.KAFKA,
    options: {
      postfixId: '',
      client: {
        clientId: `${config.KAFKA_CLIENT_ID}-${options.clientSuffix}`,
        brokers: brokers(config),
        retry: KAFKA_RETRY,
        logLevel: logLevel.WARN,
        logCreator: kafkaLogCreator,
      },
      consumer: {
        groupId: options.groupId,
        allowAutoTopicCreation: false,
        sessionTimeout: options.sessionTimeoutMs,
        rebalanceTimeout: CONSUMER_REBALANCE_TIMEOUT_MS,
        heartbeatInterval: 1_000,
        maxWaitTimeInMs: 1_000,
        retry: { ...KAFKA_RETRY, retries: Number.MAX_SAFE_INTEGER },
      },
      subscribe: { fromBeginning: true },
      run: { autoCommit: false, partitionsConsumedConcurrently: options.partitionsConcurrently },
    },
  });
  await app.listen(config.PORT, config.HOST);
  await ensureTopicEventually(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
    (error) => logger.warn(`Kafka not reachable yet, retrying topic check: ${String(error)}`),
  );
  await app.startAllMicroservices();
  return app;
}
