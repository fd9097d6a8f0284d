import { join } from 'node:path';
import { ROOT } from './endpoints';
import type { Endpoints } from './endpoints';
import { serverVersions } from './versions';

/** Starts PostgreSQL, Kafka and MinIO in containers when a Docker engine answers; null when none does. */
export async function startContainersIfDocker(
  profile: Endpoints,
): Promise<{ endpoints: Partial<Endpoints>; stop: () => Promise<void> } | null> {
  const tc = await import('testcontainers');
  try {
    await tc.getContainerRuntimeClient();
  } catch {
    return null;
  }
  const v = serverVersions();
  const postgres = await new tc.GenericContainer(
    `postgres:${v.POSTGRES_VERSION}-${v.DEBIAN_RELEASE}`,
  )
    .withEnvironment({
      POSTGRES_USER: 'tickets',
      POSTGRES_PASSWORD: 'tickets',
      POSTGRES_DB: 'tickets',
    })
    .withExposedPorts(5432)
    .withWaitStrategy(tc.Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  const kafkaPort = Number(profile.KAFKA_BROKERS.split(':').pop());
  const kafka = await new tc.GenericContainer(`apache/kafka:${v.KAFKA_VERSION}`)
    .withEnvironment({
      KAFKA_NODE_ID: '1',
      KAFKA_PROCESS_ROLES: 'broker,controller',
      KAFKA_LISTENERS: `PLAINTEXT://:${kafkaPort},CONTROLLER://:9093`,
      KAFKA_ADVERTISED_LISTENERS: `PLAINTEXT://127.0.0.1:${kafkaPort}`,
      KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
      KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
      KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
      KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
      KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
    })
    .withExposedPorts({ container: kafkaPort, host: kafkaPort })
    .withWaitStrategy(tc.Wait.forLogMessage(/Kafka Server started/))
    .start();
  // Docker Hub no longer serves minio/minio: built from source, as docker-compose does
  const minioImage = await tc.GenericContainer.fromDockerfile(join(ROOT, 'deploy/docker/minio'))
    .withBuildArgs({
      GO_VERSION: v.GO_VERSION,
      DEBIAN_RELEASE: v.DEBIAN_RELEASE,
      MINIO_MODULE: v.MINIO_MODULE,
      MINIO_VERSION: v.MINIO_VERSION,
    })
    .build(`support-tickets-minio:${v.MINIO_VERSION}`, { deleteOnExit: false });
  const minio = await minioImage
    .withCommand(['server', '/data'])
    .withEnvironment({
      MINIO_ROOT_USER: profile.S3_ACCESS_KEY,
      MINIO_ROOT_PASSWORD: profile.S3_SECRET_KEY,
    })
    .withExposedPorts(9000)
    .withWaitStrategy(tc.Wait.forHttp('/minio/health/ready', 9000))
    .start();
  return {
    endpoints: {
      DATABASE_URL: `postgres://tickets:tickets@${postgres.getHost()}:${postgres.getMappedPort(5432)}/tickets`,
      KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
      S3_ENDPOINT: `http://${minio.getHost()}:${minio.getMappedPort(9000)}`,
    },
    stop: async () => {
      await Promise.all([postgres.stop(), kafka.stop(), minio.stop()]);
    },
  };
}
