import type { ActorRole, TicketEventType } from '@app/domain';
import type { FeedPosition } from '@app/event-feed';

export class ReadFeedQuery {
  constructor(
    /** The API key asking: its long-polls are limited. */
    readonly apiKeyId: string,
    /** null: every account (a staff key with accountId=*). */
    readonly accountId: string | null,
    /** 'now': no events, only a cursor after everything committed so far. */
    readonly after: FeedPosition | 'now',
    readonly limit: number,
    readonly types: readonly TicketEventType[] | null,
    /** How long to wait for an event when there is none yet. */
    readonly waitMs: number,
    /** The key's role: a customer's feed has no staff-only event. */
    readonly reader: ActorRole,
  ) {}
}
