import type { TicketApiConfig } from '../config/ticket-api.config';
import { READ_MODEL_ADVANCES } from '../tickets/get-ticket/read-model-advances';
import type { PgReadModelAdvances } from '../tickets/get-ticket/read-model-advances';
import { FEED_WAIT_LIMITS, MIN_VERSION_WAIT_LIMITS, WaitLimits } from './wait-limits';

/** The places of waiting requests, and minVersion's wake-ups (released before the HTTP server drains). */
export function waitProviders(config: TicketApiConfig, advances: PgReadModelAdvances) {
  return [
    {
      provide: FEED_WAIT_LIMITS,
      useValue: new WaitLimits('change-feed long-polls', {
        perKey: config.FEED_WAITS_PER_KEY,
        perInstance: config.FEED_WAITS_PER_INSTANCE,
      }),
    },
    {
      provide: MIN_VERSION_WAIT_LIMITS,
      useValue: new WaitLimits('minVersion reads', {
        perKey: config.MIN_VERSION_WAITS_PER_KEY,
        perInstance: config.MIN_VERSION_WAITS_PER_INSTANCE,
      }),
    },
    { provide: READ_MODEL_ADVANCES, useValue: advances },
    {
      provide: 'READ_MODEL_ADVANCES_LIFECYCLE',
      useValue: {
        onModuleInit: () => advances.listen().catch(() => undefined),
        beforeApplicationShutdown: () => advances.close(),
      },
    },
  ];
}
