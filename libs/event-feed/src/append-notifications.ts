import { OUTBOX_CHANNEL, PgNotificationListener } from '@app/event-store';

/**
 * The wake-ups of change-feed long-polls: one LISTEN connection per process on the channel every append notifies
 * at commit, with the stream's account as payload. A long-poll waits for its account's appends (null: any
 * account's, for a staff key reading every account) instead of querying in a loop.
 */
export class AppendNotifications extends PgNotificationListener {
  constructor(connectionString: string) {
    super(connectionString, OUTBOX_CHANNEL);
  }
}
