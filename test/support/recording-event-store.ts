import type { TicketEvent } from '@app/domain';
import { ticketStreamId } from '@app/domain';
import type { EventStore, ReadStreamOptions, StoredEvent } from '@app/event-store';

/** One ticket's stream in memory, for query handlers' unit tests; it records every read it serves. */
export class RecordingEventStore implements EventStore<TicketEvent> {
  readonly reads: ReadStreamOptions[] = [];
  private readonly events: StoredEvent<TicketEvent>[];

  constructor(
    private readonly ticketId: number,
    events: TicketEvent[],
  ) {
    this.events = events.map((event, i) => ({
      eventId: `e${i + 1}`,
      globalPosition: String(i + 1),
      streamId: ticketStreamId(ticketId),
      streamVersion: i + 1,
      recordedAt: event.metadata.occurredAt,
      event,
    }));
  }

  /** As PgEventStore reads: after a version, up to an instant, in version order, at most `limit`. */
  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    this.reads.push(options);
    const { afterVersion = 0, until, limit } = options;
    const events = (streamId === ticketStreamId(this.ticketId) ? this.events : []).filter(
      (e) =>
        e.streamVersion > afterVersion &&
        (until === undefined || new Date(e.event.metadata.occurredAt) <= until),
    );
    return limit === undefined ? events : events.slice(0, limit);
  }

  appendToStream(): never {
    throw new Error('a query never appends');
  }
}
