import type { Pool } from 'pg';
import { AppendNotifications, PgEventFeed } from '@app/event-feed';
import type { PersonalDataCodec } from '@app/event-store';

/** The change feed and its wake-ups; long-polls are released before the HTTP server drains at shutdown. */
export function feedProviders(pool: Pool, databaseUrl: string, codec: PersonalDataCodec) {
  const notifications = new AppendNotifications(databaseUrl);
  return [
    { provide: PgEventFeed, useValue: new PgEventFeed(pool, codec) },
    { provide: AppendNotifications, useValue: notifications },
    {
      provide: 'FEED_NOTIFICATIONS_LIFECYCLE',
      useValue: {
        onModuleInit: () => notifications.listen().catch(() => undefined),
        beforeApplicationShutdown: () => notifications.close(),
      },
    },
  ];
}
