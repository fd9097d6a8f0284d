import type { Pool } from 'pg';
import { AppendNotifications, PgEventFeed } from '@app/event-feed';

/** The change feed and its wake-ups; long-polls are released before the HTTP server drains at shutdown. */
export function feedProviders(pool: Pool, databaseUrl: string) {
  const notifications = new AppendNotifications(databaseUrl);
  return [
    { provide: PgEventFeed, useValue: new PgEventFeed(pool) },
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
