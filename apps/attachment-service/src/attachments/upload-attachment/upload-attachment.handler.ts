import { randomBytes } from 'node:crypto';
import { Inject, Logger } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { authorLabel, TicketError } from '@app/domain';
import type { AttachmentAdded, NoteAttachmentAdded } from '@app/domain';
import { ApiError } from '@app/platform/http/api-error';
import {
  commandMetadata,
  ConcurrencyConflictError,
  IdAllocator,
  TicketCommandRunner,
  VersionMismatchError,
} from '@app/ticket-store';
import type { RequestContext } from '@app/ticket-store';
import { ATTACHMENT_SERVICE_CONFIG } from '../../config/attachment-service.config';
import type { AttachmentServiceConfig } from '../../config/attachment-service.config';
import { OBJECT_STORAGE } from '../../storage/object-storage.port';
import type { ObjectStorage } from '../../storage/object-storage.port';
import { StorageError } from '../../storage/part-buffered-upload';
import {
  FILE_TOO_LARGE_DETAIL,
  MAX_ATTACHMENT_BYTES,
  objectKeyPrefix,
} from '../shared/attachment-limits';
import type { AttachmentResponse } from '../shared/attachment.responses';
import { UPLOAD_JOURNAL } from '../shared/upload-journal';
import type { UploadJournal } from '../shared/upload-journal';
import { sanitizeContentType, sanitizeFileName } from '../shared/file-name';
import { meter } from './byte-meter';
import type { Measured } from './byte-meter';
import { TicketAdmission } from './ticket-admission';
import { UploadAttachmentCommand } from './upload-attachment.command';
import { checkFileField, fileRequired, NO_TARGET, targetOf } from './upload-form';
import type { FormPart, UploadTarget } from './upload-form';
import { UploadGate } from './upload-gate';

export type UploadAttachmentResult = AttachmentResponse & { ticketVersion: number };

type FilePart = Extract<FormPart, { kind: 'file' }>;

interface StoredFile extends Measured {
  readonly attachmentId: number;
  readonly objectKey: string;
  readonly fileName: string;
  readonly contentType: string;
}

const fileTooLarge = (): ApiError => new ApiError('FILE_TOO_LARGE', FILE_TOO_LARGE_DETAIL);

/** The ticket said no (closed, unknown message, conflict): the event was certainly not appended. */
const isRefusal = (error: unknown): boolean =>
  error instanceof TicketError ||
  error instanceof ApiError ||
  error instanceof VersionMismatchError ||
  error instanceof ConcurrencyConflictError;

/**
 * Streams the file to object storage, then appends AttachmentAdded through the ticket aggregate. The object
 * exists before the event that names it, and is deleted again whenever the event is not appended.
 */
@CommandHandler(UploadAttachmentCommand)
export class UploadAttachmentHandler implements ICommandHandler<
  UploadAttachmentCommand,
  UploadAttachmentResult
> {
  private readonly logger = new Logger('UploadAttachment');

  constructor(
    private readonly gate: UploadGate,
    private readonly admission: TicketAdmission,
    private readonly runner: TicketCommandRunner,
    private readonly ids: IdAllocator,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(UPLOAD_JOURNAL) private readonly journal: UploadJournal,
    @Inject(ATTACHMENT_SERVICE_CONFIG) private readonly config: AttachmentServiceConfig,
  ) {}

  async execute({
    context,
    ticketId,
    form,
  }: UploadAttachmentCommand): Promise<UploadAttachmentResult> {
    const leave = this.gate.tryEnter(context.principal.accountId);
    if (!leave) {
      throw new ApiError('TOO_MANY_UPLOADS', 'Too many uploads in progress; retry shortly.', {
        headers: { 'retry-after': String(this.config.UPLOAD_RETRY_AFTER_SECONDS) },
      });
    }
    let stored: StoredFile | undefined;
    let appending = false;
    try {
      const ticket = await this.admission.load(ticketId, context);
      let target: UploadTarget = NO_TARGET;
      for await (const part of form) {
        if (part.kind === 'field') {
          target = targetOf(part, target);
          // a messageId or noteId sent before the file is checked before the file is stored
          if (!stored) this.admission.rehearse(ticket, ticketId, target, context);
        } else {
          checkFileField(part);
          stored = await this.store(ticketId, part, context);
        }
      }
      if (!stored) throw fileRequired();
      appending = true;
      const result = await this.append(ticketId, target, stored, context);
      await this.forget(stored.objectKey);
      return result;
    } catch (error) {
      if (stored && appending && !isRefusal(error)) {
        // the append may have committed before it failed; the sweeper asks the events table later
        this.logger.warn(`append for ${stored.objectKey} failed: ${String(error)}`);
      } else if (stored) {
        await this.discard(stored.objectKey);
      }
      throw error;
    } finally {
      leave();
    }
  }

  private async store(
    ticketId: number,
    part: FilePart,
    context: RequestContext,
  ): Promise<StoredFile> {
    const attachmentId = await this.ids.next('attachment_id_seq');
    const objectKey = objectKeyPrefix(ticketId) + randomBytes(24).toString('base64url');
    const fileName = sanitizeFileName(part.fileName);
    const contentType = sanitizeContentType(part.contentType);
    const metered = meter(part.content, MAX_ATTACHMENT_BYTES, fileTooLarge);
    await this.journal.open(objectKey, ticketId);
    try {
      // the file name is personal data: it stays in the sealed event, not in the object's metadata
      await this.storage.upload(
        objectKey,
        metered.body,
        {
          contentType,
          userMetadata: {
            'attachment-id': String(attachmentId),
            'ticket-id': String(ticketId),
            'uploaded-by': context.principal.role,
          },
        },
        context.principal.accountId,
      );
    } catch (error) {
      await this.discard(objectKey);
      if (error instanceof ApiError || error instanceof StorageError) throw error;
      throw new ApiError('MALFORMED_BODY', 'The upload ended before the file was complete.');
    }
    return { attachmentId, objectKey, fileName, contentType, ...metered.measured() };
  }

  private async append(
    ticketId: number,
    { messageId, noteId }: UploadTarget,
    file: StoredFile,
    context: RequestContext,
  ): Promise<UploadAttachmentResult> {
    const { version, events } = await this.runner.run(ticketId, context, {
      type: 'AddAttachment',
      data: {
        ticketId,
        attachmentId: file.attachmentId,
        messageId,
        noteId,
        fileName: file.fileName,
        contentType: file.contentType,
        size: file.size,
        sha256: file.sha256,
        objectKey: file.objectKey,
      },
      metadata: commandMetadata(context),
    });
    const added = events[0].event as AttachmentAdded | NoteAttachmentAdded;
    const uploadedBy = added.type === 'AttachmentAdded' ? added.data.uploadedBy : 'staff';
    return {
      id: file.attachmentId,
      ticketId,
      // a note's file belongs to the note's thread item, as in a staff reader's ticket
      messageId: noteId ?? messageId,
      fileName: file.fileName,
      contentType: file.contentType,
      size: file.size,
      sha256: file.sha256,
      uploadedBy,
      uploadedByLabel: authorLabel(uploadedBy),
      createdAt: added.metadata.occurredAt,
      ticketVersion: version,
    };
  }

  /** Best effort: what cannot be deleted now keeps its journal entry, and the orphan sweeper deletes it. */
  private async discard(objectKey: string): Promise<void> {
    try {
      await this.storage.discard([objectKey]);
      await this.journal.close([objectKey]);
    } catch (error) {
      this.logger.warn(`could not discard ${objectKey}; left to the sweeper: ${String(error)}`);
    }
  }

  /** The event names the object now; an entry left behind is dropped by the sweeper. */
  private async forget(objectKey: string): Promise<void> {
    await this.journal.close([objectKey]).catch((error: unknown) => {
      this.logger.warn(`could not close the journal entry of ${objectKey}: ${String(error)}`);
    });
  }
}
