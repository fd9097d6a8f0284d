import './request-queue-idle.patch';
import type { RetryOptions } from 'kafkajs';

/**
 * Retry backoff of every Kafka client, capped at 2 s: with kafkajs's default cap (30 s) a client
 * waited up to 45 s after a broker came back before it tried again.
 */
export const KAFKA_RETRY: RetryOptions = {
  initialRetryTime: 250,
  maxRetryTime: 2_000,
  retries: 8,
};
