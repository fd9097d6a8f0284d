import type { EventMetadata } from '@app/domain';

/** The shape every stored event has; the domain's event unions are subtypes of it. */
export interface EventRecord {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
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

export interface AppendResult {
  readonly nextExpectedVersion: number;
  readonly events: readonly StoredEvent[];
}

export const EVENT_STORE = Symbol('EVENT_STORE');

export interface EventStore<E extends EventRecord = EventRecord> {
  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent<E>[]>;
  /** Appends atomically with the outbox rows; throws WrongExpectedVersionError when the stream moved on. */
  appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly E[],
  ): Promise<AppendResult>;
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
