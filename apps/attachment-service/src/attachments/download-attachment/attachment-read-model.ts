import type { Pool } from 'pg';
import type { ActorRole } from '@app/domain';

export interface AttachmentRecord {
  readonly attachmentId: number;
  readonly ticketId: number;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
  readonly objectKey: string;
  readonly uploadedBy: ActorRole;
}

export const ATTACHMENT_READ_MODEL = Symbol('ATTACHMENT_READ_MODEL');

export interface AttachmentReadModel {
  /** The attachment when it is on that ticket and the ticket belongs to the account; null otherwise. */
  find(ticketId: number, attachmentId: number, accountId: string): Promise<AttachmentRecord | null>;
}

interface AttachmentRow {
  attachment_id: string;
  ticket_id: string;
  file_name: string;
  content_type: string;
  size_bytes: string;
  sha256: string;
  object_key: string;
  uploaded_by: ActorRole;
}

export class PgAttachmentReadModel implements AttachmentReadModel {
  constructor(private readonly pool: Pool) {}

  async find(
    ticketId: number,
    attachmentId: number,
    accountId: string,
  ): Promise<AttachmentRecord | null> {
    const { rows } = await this.pool.query<AttachmentRow>(
      `SELECT a.attachment_id, a.ticket_id, a.file_name, a.content_type, a.size_bytes, a.sha256,
              a.object_key, a.uploaded_by
       FROM read_model.attachments a
       JOIN read_model.tickets t ON t.ticket_id = a.ticket_id
       WHERE a.attachment_id = $1 AND a.ticket_id = $2 AND t.account_id = $3`,
      [attachmentId, ticketId, accountId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      attachmentId: Number(row.attachment_id),
      ticketId: Number(row.ticket_id),
      fileName: row.file_name,
      contentType: row.content_type,
      size: Number(row.size_bytes),
      sha256: row.sha256,
      objectKey: row.object_key,
      uploadedBy: row.uploaded_by,
    };
  }
}
