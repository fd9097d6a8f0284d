import type { ActorRole } from '@app/domain';
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
  /** What each reader sees of the ticket (a customer's leaves the staff-only items out). */
  readonly views: Map<ActorRole, TicketResponse>;
  weight: number;
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
    reader: ActorRole,
    pageSize = THREAD_PAGE_SIZE,
  ): Promise<TicketResponse | null> {
    if (pageSize !== THREAD_PAGE_SIZE) {
      return this.inner.findTicket(ticketId, accountId, reader, pageSize);
    }
    const held = this.held(ticketId, accountId)?.views.get(reader);
    if (held) return held;
    const token = Symbol(ticketId);
    this.fills.set(ticketId, token);
    const ticket = await this.inner.findTicket(ticketId, accountId, reader);
    if (this.fills.get(ticketId) === token) {
      this.fills.delete(ticketId);
      if (ticket && this.changes.isListening) this.keep(ticketId, accountId, reader, ticket);
    }
    return ticket;
  }

  async versionOf(ticketId: number, accountId: string, reader: ActorRole): Promise<number> {
    const held = this.held(ticketId, accountId)?.views.get(reader);
    return held?.version ?? this.inner.versionOf(ticketId, accountId, reader);
  }

  findMessages(
    ticketId: number,
    accountId: string,
    reader: ActorRole,
    request: MessagePageRequest,
  ): Promise<MessagePage | null> {
    return this.inner.findMessages(ticketId, accountId, reader, request);
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

  private keep(
    ticketId: number,
    accountId: string,
    reader: ActorRole,
    ticket: TicketResponse,
  ): void {
    const weight = weightOf(ticket);
    if (weight > this.budget) return;
    let entry = this.entries.get(ticketId);
    if (entry && entry.accountId !== accountId) this.forget(ticketId);
    if (!entry || entry.accountId !== accountId) {
      entry = { accountId, views: new Map(), weight: 0 };
      this.entries.set(ticketId, entry);
    }
    const replaced = entry.views.get(reader);
    const added = weight - (replaced ? weightOf(replaced) : 0);
    entry.views.set(reader, ticket);
    entry.weight += added;
    this.weight += added;
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

const weightOf = (ticket: TicketResponse): number =>
  1 + ticket.messages.length + ticket.attachments.length;
