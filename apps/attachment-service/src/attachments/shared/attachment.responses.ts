import type { AttachmentResponse } from '@app/read-model';

export type { AttachmentResponse };

export const attachmentLocation = (
  ticketId: number,
  attachmentId: number,
  accountId: string,
): string =>
  `/api/Ticket/${ticketId}/attachment/${attachmentId}?accountId=${encodeURIComponent(accountId)}`;
