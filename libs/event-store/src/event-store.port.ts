/** What the store needs of an event's metadata; the rest is the feature's and stored as it is. */
export interface EventRecordMetadata {
  /** ISO-8601 instant the event occurred. */
  readonly occurredAt: string;
}

/** The shape every stored event has; a feature's event union is a subtype of it. */
export interface EventRecord {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventRecordMetadata;
}

export interface StoredEvent<E extends EventRecord = EventRecord> {
  readonly eventId: string;
  readonly globalPosition: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly recordedAt: string;
  readonly event: E;
}

export interface ReadStreamOptions {
  /** Only events that occurred at or before this instant. */
  readonly until?: Date;
  readonly afterVersion?: number;
  readonly limit?: number;
}

export interface AppendResult<E extends EventRecord = EventRecord> {
  readonly nextExpectedVersion: number;
  readonly events: readonly StoredEvent<E>[];
}

export interface AppendOptions {
  /** The account whose data key seals the events' personal fields (crypto-shredding); none: stored as given. */
  readonly dataSubject?: string;
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface EventStore<E extends EventRecord = EventRecord> {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent<E>[]>;
  /** Appends atomically with the outbox rows; throws WrongExpectedVersionError when the stream moved on. */
  appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly E[],
    options?: AppendOptions,
  ): Promise<AppendResult<E>>;
}

export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
  ) {
    super(`Stream ${streamId} is no longer at version ${expectedVersion}.`);
    this.name = 'WrongExpectedVersionError';
  }
}
