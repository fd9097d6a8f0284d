import type { ActorRole, AuthorLabel, TicketStatus } from '@app/domain';

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
  version: number;
  attachments: AttachmentResponse[];
  messages: MessageResponse[];
}

/** A row of GET /api/Ticket: the ticket without its thread, with how many messages it has. */
export type TicketSummaryResponse = Omit<TicketResponse, 'messages' | 'attachments'> & {
  messageCount: number;
};

/** The thread as the API orders it: by id, each message carrying the attachments posted with it. */
export function withThread(
  ticket: Omit<TicketResponse, 'messages' | 'attachments'>,
  messages: readonly Omit<MessageResponse, 'attachments'>[],
  attachments: readonly AttachmentResponse[],
): TicketResponse {
  const byId = <T extends { id: number }>(a: T, b: T) => a.id - b.id;
  const sorted = [...attachments].sort(byId);
  return {
    ...ticket,
    attachments: sorted,
    messages: [...messages]
      .sort(byId)
      .map((m) => ({ ...m, attachments: sorted.filter((a) => a.messageId === m.id) })),
  };
}
