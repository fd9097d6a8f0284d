import { APP_GUARD } from '@nestjs/core';
import type { Pool } from 'pg';
import { ApiKeyGuard } from './api-key.guard';
import { API_KEY_REPOSITORY } from './api-key.repository';
import { CachedApiKeyRepository } from './cached-api-key.repository';
import { PgApiKeyRepository } from './pg-api-key.repository';

/**
 * X-API-Key authentication and accountId checks on every route not marked @PublicRoute(); with databaseUrl, keys
 * are cached and dropped at the commit of any change (LISTEN/NOTIFY).
 */
export const apiKeyAuthProviders = (pool: Pool, databaseUrl?: string) => {
  if (!databaseUrl)
    return [
      { provide: API_KEY_REPOSITORY, useValue: new PgApiKeyRepository(pool) },
      { provide: APP_GUARD, useClass: ApiKeyGuard },
    ];
  const keys = new CachedApiKeyRepository(new PgApiKeyRepository(pool), databaseUrl);
  return [
    { provide: API_KEY_REPOSITORY, useValue: keys },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    {
      provide: 'API_KEY_CACHE_LIFECYCLE',
      useValue: {
        onModuleInit: () => keys.listen().catch(() => undefined),
        beforeApplicationShutdown: () => keys.close(),
      },
    },
  ];
};
