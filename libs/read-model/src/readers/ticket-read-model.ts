import type { ActorRole, TicketStatus } from '@app/domain';
import type { MessagePage, TicketResponse, TicketSummaryResponse } from '../ticket.responses';

export interface TicketListFilter {
  readonly accountId: string;
  readonly reader: ActorRole;
  readonly status?: TicketStatus;
  readonly topic?: string;
  /** Tickets with a lower id than this (the cursor), newest first. */
  readonly beforeId?: number;
  /** Only tickets changed at or after this instant. */
  readonly updatedSince?: Date;
  readonly limit: number;
}

export interface MessagePageRequest {
  /** Messages with a lower id than this (the cursor); the latest ones without it. */
  readonly beforeId?: number;
  readonly limit: number;
}

export const TICKET_READ_MODEL = Symbol('TICKET_READ_MODEL');

/** The projector's tables, as the API reads them. */
export interface TicketReadModel {
  /** The ticket with its latest `pageSize` messages; null when it is not this account's (or not there yet). */
  findTicket(
    ticketId: number,
    accountId: string,
    reader: ActorRole,
    pageSize?: number,
  ): Promise<TicketResponse | null>;
  /** The `limit` messages before the cursor, oldest first; null when the ticket is not this account's. */
  findMessages(
    ticketId: number,
    accountId: string,
    reader: ActorRole,
    request: MessagePageRequest,
  ): Promise<MessagePage | null>;
  listTickets(filter: TicketListFilter): Promise<TicketSummaryResponse[]>;
  /**
   * The version the read model has reached for a ticket of this account (0 when not there yet), as this
   * reader counts it: a customer's leaves the staff-only events out.
   */
  versionOf(ticketId: number, accountId: string, reader: ActorRole): Promise<number>;
}
