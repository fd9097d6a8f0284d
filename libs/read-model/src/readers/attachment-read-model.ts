import type { ActorRole } from '@app/domain';
import { SchemaReader } from './schema-reader';
import type { AttachmentRow } from './ticket.rows';

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
  /**
   * The attachment when it is on that ticket and the ticket belongs to the account; null otherwise, and for a
   * customer reader null for a file on an internal note.
   */
  find(
    ticketId: number,
    attachmentId: number,
    accountId: string,
    reader: ActorRole,
  ): Promise<AttachmentRecord | null>;
}

export class PgAttachmentReadModel extends SchemaReader implements AttachmentReadModel {
  async find(
    ticketId: number,
    attachmentId: number,
    accountId: string,
    reader: ActorRole,
  ): Promise<AttachmentRecord | null> {
    const { rows } = await this.pool.query<AttachmentRow>(
      `SELECT a.* FROM ${this.schema}.attachments a
       JOIN ${this.schema}.tickets t ON t.ticket_id = a.ticket_id
       WHERE a.attachment_id = $1 AND a.ticket_id = $2 AND t.account_id = $3
         AND ($4::text = 'staff' OR NOT a.internal)`,
      [attachmentId, ticketId, accountId, reader],
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
