import type { ActorRole, Assignee, AuthorLabel, TicketPriority, TicketStatus } from '@app/domain';

/** An attachment as the API shows it: in an upload's 201 and in a ticket's attachment lists. */
export interface AttachmentResponse {
  id: number;
  ticketId: number;
  messageId: number | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: ActorRole;
  uploadedByLabel: AuthorLabel;
  createdAt: string;
}

export interface MessageResponse {
  id: number;
  ticketId: number;
  message: string;
  authorType: ActorRole;
  authorLabel: AuthorLabel;
  createdAt: string;
  /** Staff readers only: true for an internal note, false for a reply; a customer's thread has no notes. */
  internal?: boolean;
  attachments: AttachmentResponse[];
}

/** GET /api/Ticket/{id}: the ticket with its thread, from the read model or folded from its events. */
export interface TicketResponse {
  id: number;
  accountId: string;
  subject: string;
  description: string;
  topic: string;
  propertyId: string | null;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** Staff keys only, like assignee: a customer's answer has neither. */
  priority: TicketPriority;
  assignee: Assignee | null;
  version: number;
  attachments: AttachmentResponse[];
  /** The latest messages of the thread (at most THREAD_PAGE_SIZE), oldest first. */
  messages: MessageResponse[];
  /** The messages before `messages`, fetched with GET /api/Ticket/{id}/messages; null when there are none. */
  olderMessages: OlderMessages | null;
}

/** How many messages come before a page, and the `before` cursor that fetches them. */
export interface OlderMessages {
  count: number;
  cursor: string;
}

/** GET /api/Ticket/{id}/messages: the messages just before a cursor, oldest first. */
export interface MessagePage {
  ticketId: number;
  items: MessageResponse[];
  olderMessages: OlderMessages | null;
}

/** How many of the latest messages the ticket detail carries. */
export const THREAD_PAGE_SIZE = 100;

/** The opaque `before` cursor: the id of the oldest message the caller already has. */
export const MESSAGE_CURSOR_PATTERN = '^m[1-9][0-9]{0,14}$';
export const encodeMessageCursor = (messageId: number): string => `m${messageId}`;

/** What comes before a page that starts at `oldest`, when `count` messages do. */
export const olderThan = (
  oldest: { id: number } | undefined,
  count: number,
): OlderMessages | null =>
  oldest && count > 0 ? { count, cursor: encodeMessageCursor(oldest.id) } : null;

/** A row of GET /api/Ticket: the ticket without its thread, with how many messages it has. */
export type TicketSummaryResponse = Omit<
  TicketResponse,
  'messages' | 'attachments' | 'olderMessages'
> & {
  messageCount: number;
};

const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;

/** Messages in thread order (by id), each carrying the attachments posted with it. */
export function withAttachments(
  messages: readonly Omit<MessageResponse, 'attachments'>[],
  attachments: readonly AttachmentResponse[],
): MessageResponse[] {
  const sorted = [...attachments].sort(byId);
  return [...messages]
    .sort(byId)
    .map((m) => ({ ...m, attachments: sorted.filter((a) => a.messageId === m.id) }));
}

/**
 * The ticket detail: every attachment of the ticket, the latest `pageSize` messages and what comes before
 * them; `messageCount` is the length of the whole thread, `messages` may be its latest page only.
 */
export function withThread(
  ticket: Omit<TicketResponse, 'messages' | 'attachments' | 'olderMessages'>,
  messages: readonly Omit<MessageResponse, 'attachments'>[],
  attachments: readonly AttachmentResponse[],
  messageCount = messages.length,
  pageSize = THREAD_PAGE_SIZE,
): TicketResponse {
  const page = [...messages].sort(byId).slice(-pageSize);
  return {
    ...ticket,
    attachments: [...attachments].sort(byId),
    messages: withAttachments(page, attachments),
    olderMessages: olderThan(page[0], messageCount - page.length),
  };
}

/** What only staff keys see of a ticket: its priority and whom it is assigned to. */
export type StaffOnlyFields = 'priority' | 'assignee';

/** A ticket (detail or summary) as a key of this role may read it: customers see no staff-only field. */
export function forReader<T extends Pick<TicketResponse, StaffOnlyFields>>(
  ticket: T,
  role: ActorRole,
): T | Omit<T, StaffOnlyFields> {
  if (role === 'staff') return ticket;
  const { priority: _priority, assignee: _assignee, ...visible } = ticket;
  return visible;
}
