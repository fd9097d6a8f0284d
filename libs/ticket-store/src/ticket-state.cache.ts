import type { Ticket } from '@app/domain';

export interface VersionedTicket {
  readonly state: Ticket;
  readonly version: number;
  /** How many of its events a customer sees: the version customer keys read and send in If-Match. */
  readonly customerVersion: number;
}

/**
 * Folded ticket states by stream, least recently used evicted first. Events never change once stored, so a
 * state at version n stays exact; a command only reads the events after it.
 */
export class TicketStateCache {
  private readonly entries = new Map<string, VersionedTicket>();

  constructor(private readonly capacity = 10_000) {}

  get(streamId: string): VersionedTicket | undefined {
    const entry = this.entries.get(streamId);
    if (entry) {
      this.entries.delete(streamId);
      this.entries.set(streamId, entry);
    }
    return entry;
  }

  set(streamId: string, entry: VersionedTicket): void {
    const current = this.entries.get(streamId);
    if (current && current.version > entry.version) return;
    this.entries.delete(streamId);
    this.entries.set(streamId, entry);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
