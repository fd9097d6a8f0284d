import { Logger } from '@nestjs/common';
import type { Provider, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { brokers } from '@app/platform/config/common.config';
import type { KafkaHttpConfig } from '@app/platform/config/common.config';
import { createHttpApp } from '@app/platform/http/create-http-app';
import { BatchConsumer } from '@app/platform/kafka/batch-consumer';
import type { BatchHandler } from '@app/platform/kafka/partition-batch';
import { ensureTopicEventually } from './kafka-outbox.publisher';

export interface EventConsumerOptions {
  /** The service's name in its log lines. */
  readonly service: string;
  /** Appended to KAFKA_CLIENT_ID. */
  readonly clientSuffix: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  readonly partitionsConcurrently: number;
  readonly retryDelayMs: number;
}

/**
 * The module's consumer of the event topic in its own group; it stops before the pool closes (before the
 * application's shutdown hooks), committing what its handler finished.
 */
export function eventConsumerProvider(
  config: KafkaHttpConfig,
  options: EventConsumerOptions,
): Provider {
  const logger = new Logger(options.service);
  const consumer = new BatchConsumer({
    brokers: brokers(config),
    clientId: `${config.KAFKA_CLIENT_ID}-${options.clientSuffix}`,
    groupId: options.groupId,
    topic: config.TICKET_EVENTS_TOPIC,
    sessionTimeoutMs: options.sessionTimeoutMs,
    partitionsConcurrently: options.partitionsConcurrently,
    retryDelayMs: options.retryDelayMs,
    fetch: { minBytes: config.KAFKA_FETCH_MIN_BYTES, maxWaitMs: config.KAFKA_FETCH_MAX_WAIT_MS },
    onError: (message) => logger.warn(message),
  });
  return { provide: BatchConsumer, useValue: consumer };
}

/**
 * A service that consumes the event topic (offsets committed after its handler's transactions) next to its
 * HTTP health endpoint. Health and metrics answer while Kafka is down; it returns once the broker and topic
 * are there and consuming has started.
 */
export async function startEventConsumerApp(
  module: unknown,
  config: KafkaHttpConfig,
  options: { readonly service: string; readonly handler: Type<BatchHandler> },
): Promise<NestFastifyApplication> {
  const logger = new Logger(options.service);
  const app = await createHttpApp(module, config, { service: options.service, bodyLimit: 1024 });
  await app.listen(config.PORT, config.HOST);
  await ensureTopicEventually(
    brokers(config),
    config.KAFKA_CLIENT_ID,
    config.TICKET_EVENTS_TOPIC,
    config.TICKET_EVENTS_PARTITIONS,
    (error) => logger.warn(`Kafka not reachable yet, retrying topic check: ${String(error)}`),
  );
  await app.get(BatchConsumer).start(app.get(options.handler));
  return app;
}
