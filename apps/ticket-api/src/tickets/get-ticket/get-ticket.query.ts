import type { ActorRole } from '@app/domain';
import type { TicketResponse } from '@app/read-model';

export class GetTicketQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    /** Whose view: a customer's versions count only what it sees. */
    readonly reader: ActorRole,
    /** The API key asking: its waits for minVersion are limited. */
    readonly apiKeyId: string,
    /** Wait, bounded, until the read model has reached this version (read your own writes). */
    readonly minVersion?: number,
    /** Versions the caller already holds (If-None-Match): answer "unchanged" instead of the ticket. */
    readonly knownVersions: readonly number[] = [],
  ) {}
}

export type TicketLookup = { readonly ticket: TicketResponse } | { readonly unchangedAt: number };
