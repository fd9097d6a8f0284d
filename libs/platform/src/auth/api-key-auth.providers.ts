import { APP_GUARD } from '@nestjs/core';
import type { Pool } from 'pg';
import { ApiKeyGuard } from './api-key.guard';
import { API_KEY_REPOSITORY } from './api-key.repository';
import { CachedApiKeyRepository } from './cached-api-key.repository';
import { PgApiKeyRepository } from './pg-api-key.repository';
import { LeasingRateLimiter } from '../rate-limit/leasing-rate-limiter';
import { PgTokenBuckets } from '../rate-limit/pg-token-buckets';
import type { RateLimitPolicy } from '../rate-limit/rate-limit';
import { RATE_LIMITER, RateLimitGuard } from '../rate-limit/rate-limit.guard';

/**
 * X-API-Key authentication and accountId checks on every route not marked @PublicRoute(), then the key's rate
 * limit (guards run in this order); with databaseUrl, keys are cached and dropped at the commit of any change
 * (LISTEN/NOTIFY).
 */
export const apiKeyAuthProviders = (
  pool: Pool,
  rateLimit: RateLimitPolicy,
  databaseUrl?: string,
) => {
  const rateLimiter = {
    provide: RATE_LIMITER,
    useValue:
      rateLimit.perSecond > 0 ? new LeasingRateLimiter(new PgTokenBuckets(pool, rateLimit)) : null,
  };
  const guards = [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ];
  if (!databaseUrl)
    return [
      { provide: API_KEY_REPOSITORY, useValue: new PgApiKeyRepository(pool) },
      rateLimiter,
      ...guards,
    ];
  const keys = new CachedApiKeyRepository(new PgApiKeyRepository(pool), databaseUrl);
  return [
    { provide: API_KEY_REPOSITORY, useValue: keys },
    rateLimiter,
    ...guards,
    {
      provide: 'API_KEY_CACHE_LIFECYCLE',
      useValue: {
        onModuleInit: () => keys.listen().catch(() => undefined),
        beforeApplicationShutdown: () => keys.close(),
      },
    },
  ];
};
