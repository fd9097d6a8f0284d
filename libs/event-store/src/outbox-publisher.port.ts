export interface OutboxMessage {
  readonly topic: string;
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

export const OUTBOX_PUBLISHER = Symbol('OUTBOX_PUBLISHER');

export interface OutboxPublisher {
  /** Resolves only once the broker has acknowledged every message (acks=all). */
  publish(messages: readonly OutboxMessage[]): Promise<void>;
  disconnect(): Promise<void>;
}
