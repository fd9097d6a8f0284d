import type { ActorRole, Assignee, TicketPriority, TicketStatus } from '@app/domain';

/** A view of the staff queue: every ticket but the Closed ones, narrowed. */
export type QueueView =
  | { readonly kind: 'open' }
  | { readonly kind: 'unassigned' }
  | { readonly kind: 'awaiting-staff' }
  | { readonly kind: 'mine'; readonly agentId: number | null }
  | { readonly kind: 'group'; readonly group: string };

/** Where a queue page starts: after this ticket in queue order. */
export interface QueuePosition {
  readonly priorityRank: number;
  readonly lastMessageAt: string;
  readonly ticketId: number;
}

export interface QueueItem {
  ticketId: number;
  accountId: string;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  assignee: Assignee | null;
  lastMessageAuthor: ActorRole;
  lastMessageAt: string;
}

export interface QueuePage {
  readonly items: QueueItem[];
  /** The position after the last item, when there may be more. */
  readonly next: QueuePosition | null;
}

export interface QueueCounts {
  readonly open: number;
  readonly unassigned: number;
  readonly awaitingStaff: number;
  readonly mine: number;
  /** Open tickets per group they are assigned to. */
  readonly groups: ReadonlyMap<string, number>;
}

export const QUEUE_READ_MODEL = Symbol('QUEUE_READ_MODEL');

/** The staff queue across accounts, sorted by priority (urgent first), then the oldest last message first. */
export interface QueueReadModel {
  page(view: QueueView, after: QueuePosition | null, limit: number): Promise<QueuePage>;
  counts(agentId: number | null): Promise<QueueCounts>;
}
