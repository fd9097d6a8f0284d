import type { Pool } from 'pg';
import { ticketStreamId, upcastTicketEvent, visibleEventTypes } from '@app/domain';
import type { ActorRole } from '@app/domain';
import type { EventRow, PersonalDataCodec } from '@app/event-store';
import { EVENT_COLUMNS, openRows, toStored } from '@app/event-store';
import type { AttachmentReadModel, AttachmentRecord } from '@app/read-model';

/**
 * Attachments as the event store records them: an upload is acknowledged once its event is appended, before
 * the projector has caught up, so a download right after it finds the attachment here.
 */
export class RecordedAttachments implements AttachmentReadModel {
  constructor(
    private readonly pool: Pool,
    private readonly codec: PersonalDataCodec,
  ) {}

  async find(
    ticketId: number,
    attachmentId: number,
    accountId: string,
    reader: ActorRole,
  ): Promise<AttachmentRecord | null> {
    const types = visibleEventTypes(reader).filter(
      (type) => type === 'AttachmentAdded' || type === 'NoteAttachmentAdded',
    );
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS.split(', ')
        .map((column) => `a.${column}`)
        .join(', ')}
       FROM events a
       JOIN events opened ON opened.stream_id = a.stream_id AND opened.stream_version = 1
       WHERE a.stream_id = $1 AND a.event_type = ANY ($4::text[])
         AND a.data->>'attachmentId' = $2 AND opened.data->>'accountId' = $3`,
      [ticketStreamId(ticketId), String(attachmentId), accountId, types],
    );
    if (!rows[0]) return null;
    const [row] = await openRows(this.codec, rows);
    const { event } = toStored(row, upcastTicketEvent);
    if (event.type !== 'AttachmentAdded' && event.type !== 'NoteAttachmentAdded') return null;
    return {
      attachmentId,
      ticketId,
      fileName: event.data.fileName,
      contentType: event.data.contentType,
      size: event.data.size,
      sha256: event.data.sha256,
      objectKey: event.data.objectKey,
      uploadedBy: event.type === 'AttachmentAdded' ? event.data.uploadedBy : 'staff',
    };
  }
}

/** The read model first; on a miss, the event store, so nothing acknowledged is ever "not found". */
export class ReadModelThenRecorded implements AttachmentReadModel {
  constructor(
    private readonly readModel: AttachmentReadModel,
    private readonly recorded: AttachmentReadModel,
  ) {}

  async find(
    ticketId: number,
    attachmentId: number,
    accountId: string,
    reader: ActorRole,
  ): Promise<AttachmentRecord | null> {
    return (
      (await this.readModel.find(ticketId, attachmentId, accountId, reader)) ??
      (await this.recorded.find(ticketId, attachmentId, accountId, reader))
    );
  }
}
