import { Logger } from '@nestjs/common';
import type { Pool } from 'pg';
import { PgWebhookStore, WebhookSecretKeyring } from '@app/webhooks';
import type { TicketApiConfig } from '../config/ticket-api.config';
import {
  REGISTRATION_LOOKUP_TIMEOUT_MS,
  WEBHOOK_LIMITS,
  WEBHOOK_TARGET_POLICY,
} from './shared/webhook-http';
import type { WebhookLimits } from './shared/webhook-http';

/**
 * The webhook store with its keyring, the target policy and the limits. At start, secrets still in the
 * clear or sealed with an older key are sealed with the current one (migration 015's data step).
 */
export function webhookProviders(pool: Pool, config: TicketApiConfig) {
  const store = new PgWebhookStore(pool, WebhookSecretKeyring.parse(config.WEBHOOK_SECRET_KEYS));
  const limits: WebhookLimits = {
    maxEndpointsPerAccount: config.WEBHOOK_MAX_ENDPOINTS_PER_ACCOUNT,
    lookupTimeoutMs: REGISTRATION_LOOKUP_TIMEOUT_MS,
  };
  const logger = new Logger('WebhookSecrets');
  return [
    { provide: PgWebhookStore, useValue: store },
    { provide: WEBHOOK_TARGET_POLICY, useValue: { allowLoopback: config.WEBHOOK_ALLOW_LOOPBACK } },
    { provide: WEBHOOK_LIMITS, useValue: limits },
    {
      provide: 'WEBHOOK_SECRETS_RESEAL',
      useValue: {
        // in the background: a database that is not up yet must not keep ticket-api from starting
        onApplicationBootstrap: () => {
          void store.resealSecrets().then(
            ({ resealed, unopenable }) => {
              if (resealed > 0)
                logger.log(`sealed ${resealed} webhook secrets with the current key`);
              if (unopenable > 0) {
                logger.error(
                  `${unopenable} webhook secrets are sealed with a key WEBHOOK_SECRET_KEYS no longer has`,
                );
              }
            },
            (error: unknown) => logger.warn(`resealing webhook secrets failed: ${String(error)}`),
          );
        },
      },
    },
  ];
}
