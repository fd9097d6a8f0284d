import type { Actor } from './actor';

export interface EventMetadata {
  readonly actor: Actor;
  /** ISO-8601 instant the command was decided. */
  readonly occurredAt: string;
  readonly correlationId: string;
  /** W3C trace context of the append that stored the event, when tracing is on. */
  readonly traceparent?: string;
  readonly tracestate?: string;
  /** The ticket's version as a customer counts it after this event, stamped at the append (ticket-visibility). */
  readonly customerVersion?: number;
}

export interface DomainEvent<Type extends string, Data> {
  readonly type: Type;
  readonly schemaVersion: number;
  readonly data: Readonly<Data>;
  readonly metadata: EventMetadata;
}

export type CommandMetadata = EventMetadata;
