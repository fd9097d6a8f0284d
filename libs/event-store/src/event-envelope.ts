import type { EventRecord, StoredEvent } from './event-store.port';

/** What travels on the ticket-event topic: the stored event and where it sits in the store. */
export interface EventEnvelope {
  readonly eventId: string;
  readonly globalPosition: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly recordedAt: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventRecord['metadata'];
}

export const toEnvelope = (stored: StoredEvent): EventEnvelope => ({
  eventId: stored.eventId,
  globalPosition: stored.globalPosition,
  streamId: stored.streamId,
  streamVersion: stored.streamVersion,
  recordedAt: stored.recordedAt,
  type: stored.event.type,
  schemaVersion: stored.event.schemaVersion,
  data: stored.event.data,
  metadata: stored.event.metadata,
});

export const fromEnvelope = (envelope: EventEnvelope): StoredEvent => ({
  eventId: envelope.eventId,
  globalPosition: envelope.globalPosition,
  streamId: envelope.streamId,
  streamVersion: envelope.streamVersion,
  recordedAt: envelope.recordedAt,
  event: {
    type: envelope.type,
    schemaVersion: envelope.schemaVersion,
    data: envelope.data,
    metadata: envelope.metadata,
  },
});
