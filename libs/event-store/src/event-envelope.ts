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

/** A message on the topic that is not an envelope of the streams its consumer reads: never applicable. */
export class MalformedEnvelopeError extends Error {
  override name = 'MalformedEnvelopeError';
}

/** The one check of what a consumer takes off the topic; `ofStream` says which streams it reads. */
export function parseEnvelope(
  payload: unknown,
  ofStream: (streamId: string) => boolean,
  what = 'event envelope',
): EventEnvelope {
  const e = payload as Partial<EventEnvelope> | null;
  const valid =
    typeof e === 'object' &&
    e !== null &&
    typeof e.eventId === 'string' &&
    typeof e.globalPosition === 'string' &&
    typeof e.recordedAt === 'string' &&
    typeof e.streamId === 'string' &&
    ofStream(e.streamId) &&
    Number.isInteger(e.streamVersion) &&
    (e.streamVersion ?? 0) > 0 &&
    typeof e.type === 'string' &&
    Number.isInteger(e.schemaVersion) &&
    typeof e.data === 'object' &&
    e.data !== null &&
    typeof e.metadata === 'object' &&
    e.metadata !== null;
  if (!valid) throw new MalformedEnvelopeError(`not a ${what}`);
  return e as EventEnvelope;
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
