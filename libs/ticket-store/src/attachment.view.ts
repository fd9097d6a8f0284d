import type { ActorRole, AuthorLabel } from '@app/domain';

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
