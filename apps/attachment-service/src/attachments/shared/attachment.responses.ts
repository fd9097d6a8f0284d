import type { ActorRole } from '@app/domain';

export const uploadedByLabel = (role: ActorRole): 'You' | 'Support Team' =>
  role === 'staff' ? 'Support Team' : 'You';

/** The 201 body of an upload; the same fields GET /api/Ticket/{id} lists under attachments. */
export interface AttachmentResponse {
  id: number;
  ticketId: number;
  messageId: number | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: ActorRole;
  uploadedByLabel: 'You' | 'Support Team';
  createdAt: string;
}

export const attachmentLocation = (
  ticketId: number,
  attachmentId: number,
  accountId: string,
): string =>
  `/api/Ticket/${ticketId}/attachment/${attachmentId}?accountId=${encodeURIComponent(accountId)}`;
