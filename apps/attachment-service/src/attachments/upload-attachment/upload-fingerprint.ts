import { createHash } from 'node:crypto';
import { ApiError } from '@app/platform/http/api-error';
import { FILE_TOO_LARGE_DETAIL, MAX_ATTACHMENT_BYTES } from '../shared/attachment-limits';
import { sanitizeContentType, sanitizeFileName } from '../shared/file-name';
import { meter } from './byte-meter';
import { checkFileField, fileRequired, NO_TARGET, targetOf } from './upload-form';
import type { FormPart, UploadTarget } from './upload-form';

/**
 * What makes two uploads the same request, as the 201 body reports it: the message, the file's stored name
 * and type, and its content. A multipart body has no stable bytes of its own (each client picks its own
 * boundary), so the content is what is compared.
 */
export interface UploadDescription {
  /** The thread item: a reply's id or a note's (one sequence numbers both), as the 201 body reports it. */
  readonly messageId: number | null;
  readonly fileName: string;
  readonly contentType: string;
  readonly size: number;
  readonly sha256: string;
}

/** The Idempotency-Key fingerprint of an upload to `url` (path and query, accountId included). */
export const uploadFingerprint = (url: string, upload: UploadDescription): string =>
  createHash('sha256')
    .update(
      `POST ${url} multipart\n` +
        JSON.stringify([
          upload.messageId,
          upload.fileName,
          upload.contentType,
          upload.size,
          upload.sha256,
        ]),
    )
    .digest('hex');

/**
 * Reads a whole upload form by the same rules as the upload itself and describes it, hashing the file as it
 * streams past and keeping none of it: how a retry is compared with the upload it claims to repeat.
 */
export async function describeUpload(form: AsyncIterable<FormPart>): Promise<UploadDescription> {
  let target: UploadTarget = NO_TARGET;
  let file: Omit<UploadDescription, 'messageId'> | undefined;
  for await (const part of form) {
    if (part.kind === 'field') {
      target = targetOf(part, target);
      continue;
    }
    checkFileField(part);
    const metered = meter(
      part.content,
      MAX_ATTACHMENT_BYTES,
      () => new ApiError('FILE_TOO_LARGE', FILE_TOO_LARGE_DETAIL),
    );
    try {
      for await (const chunk of metered.body) void chunk;
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('MALFORMED_BODY', 'The upload ended before the file was complete.');
    }
    file = {
      fileName: sanitizeFileName(part.fileName),
      contentType: sanitizeContentType(part.contentType),
      ...metered.measured(),
    };
  }
  if (!file) throw fileRequired();
  return { messageId: target.noteId ?? target.messageId, ...file };
}
