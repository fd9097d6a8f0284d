import { APP_GUARD } from '@nestjs/core';
import type { Pool } from 'pg';
import { ApiKeyGuard } from './api-key.guard';
import { API_KEY_REPOSITORY } from './api-key.repository';
import { PgApiKeyRepository } from './pg-api-key.repository';

/** X-API-Key authentication and accountId checks on every route not marked @PublicRoute(). */
export const apiKeyAuthProviders = (pool: Pool) => [
  { provide: API_KEY_REPOSITORY, useValue: new PgApiKeyRepository(pool) },
  { provide: APP_GUARD, useClass: ApiKeyGuard },
];
