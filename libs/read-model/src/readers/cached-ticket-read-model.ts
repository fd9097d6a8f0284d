import { THREAD_PAGE_SIZE } from '../ticket.responses';
import type { MessagePage, TicketResponse, TicketSummaryResponse } from '../ticket.responses';
import type { MessagePageRequest, TicketListFilter, TicketReadModel } from './ticket-read-model';

/** The projector's commits as tickets changed, from a connection that says whether it hears them all. */
export interface TicketChanges {
  readonly isListening: boolean;
  observe(observer: { changed(ticketIds: readonly number[]): void; missed(): void }): void;
}

/** Tickets, messages and attachments held at most, over all cached tickets. */
export const TICKET_CACHE_WEIGHT = 50_000;

interface Entry {
  readonly accountId: string;
  readonly ticket: TicketResponse;
  readonly weight: number;
}

/**
 * Ticket details (the default page) kept in memory while every projector commit is heard, each dropped at the
 * commit that changes its ticket: a repeated GET or If-None-Match costs no SQL. A read that a commit overtakes
 * is not kept, and everything is forgotten when notifications may have been missed.
 */
export class CachedTicketReadModel implements TicketReadModel {
  private readonly entries = new Map<number, Entry>();
  private readonly fills = new Map<number, symbol>();
  private weight = 0;

  constructor(
    private readonly inner: TicketReadModel,
    private readonly changes: TicketChanges,
    private readonly budget = TICKET_CACHE_WEIGHT,
  ) {
    changes.observe({
      changed: (ticketIds) => ticketIds.forEach((id) => this.forget(id)),
      missed: () => this.clear(),
    });
  }

  async findTicket(
    ticketId: number,
    accountId: string,
    pageSize = THREAD_PAGE_SIZE,
  ): Promise<TicketResponse | null> {
    if (pageSize !== THREAD_PAGE_SIZE) return this.inner.findTicket(ticketId, accountId, pageSize);
    const held = this.held(ticketId, accountId);
    if (held) return held.ticket;
    const token = Symbol(ticketId);
    this.fills.set(ticketId, token);
    const ticket = await this.inner.findTicket(ticketId, accountId);
    if (this.fills.get(ticketId) === token) {
      this.fills.delete(ticketId);
      if (ticket && this.changes.isListening) this.keep(ticketId, accountId, ticket);
    }
    return ticket;
  }

  async versionOf(ticketId: number, accountId: string): Promise<number> {
    return (
      this.held(ticketId, accountId)?.ticket.version ?? this.inner.versionOf(ticketId, accountId)
    );
  }

  findMessages(
    ticketId: number,
    accountId: string,
    request: MessagePageRequest,
  ): Promise<MessagePage | null> {
    return this.inner.findMessages(ticketId, accountId, request);
  }

  listTickets(filter: TicketListFilter): Promise<TicketSummaryResponse[]> {
    return this.inner.listTickets(filter);
  }

  get size(): number {
    return this.entries.size;
  }

  private held(ticketId: number, accountId: string): Entry | undefined {
    const entry = this.entries.get(ticketId);
    if (!entry || entry.accountId !== accountId || !this.changes.isListening) return undefined;
    // most recently used last, so eviction takes the first
    this.entries.delete(ticketId);
    this.entries.set(ticketId, entry);
    return entry;
  }

  private keep(ticketId: number, accountId: string, ticket: TicketResponse): void {
    const weight = 1 + ticket.messages.length + ticket.attachments.length;
    if (weight > this.budget) return;
    this.forget(ticketId);
    this.entries.set(ticketId, { accountId, ticket, weight });
    this.weight += weight;
    for (const [id] of this.entries) {
      if (this.weight <= this.budget) break;
      this.forget(id);
    }
  }

  private forget(ticketId: number): void {
    this.fills.delete(ticketId);
    const entry = this.entries.get(ticketId);
    if (!entry) return;
    this.entries.delete(ticketId);
    this.weight -= entry.weight;
  }

  private clear(): void {
    this.entries.clear();
    this.fills.clear();
    this.weight = 0;
  }
}
