import type { Provider } from '@nestjs/common';
import type { Pool } from 'pg';
import { PgQueueReadModel, QUEUE_READ_MODEL } from '@app/read-model';

export const queueProviders = (pool: Pool, schema: string): Provider[] => [
  { provide: QUEUE_READ_MODEL, useValue: new PgQueueReadModel(pool, schema) },
];
