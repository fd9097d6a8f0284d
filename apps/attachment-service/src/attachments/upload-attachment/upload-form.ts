import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/platform/http/api-error';
import { parseId } from '@app/platform/http/path-id';

export type FormPart =
  | { readonly kind: 'field'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly fileName: string | undefined;
      readonly contentType: string | undefined;
      readonly content: Readable;
    };

export const invalidForm = (detail: string, field: string): ApiError =>
  new ApiError('VALIDATION_FAILED', detail, { errors: [{ field, messages: [detail] }] });

/** What the file belongs to: a reply (messageId), an internal note (noteId), or the ticket itself. */
export interface UploadTarget {
  readonly messageId: number | null;
  readonly noteId: number | null;
}

export const NO_TARGET: UploadTarget = { messageId: null, noteId: null };

/** The one field that may accompany the file, messageId or noteId; a blank one names nothing. */
export function targetOf(
  part: Extract<FormPart, { kind: 'field' }>,
  before: UploadTarget,
): UploadTarget {
  if (part.name !== 'messageId' && part.name !== 'noteId') {
    throw invalidForm(
      `Unexpected field "${part.name}"; only "messageId" or "noteId" may accompany the file.`,
      part.name,
    );
  }
  const id = part.value.trim() === '' ? null : parseId(part.value.trim(), part.name);
  const target = { ...before, [part.name]: id };
  if (target.messageId !== null && target.noteId !== null) {
    throw invalidForm('Give messageId or noteId, not both.', part.name);
  }
  return target;
}

const LINE_BREAKS = /[\r\n]/;

/** The file travels in the field "file" and nowhere else, under a name without line breaks. */
export function checkFileField(part: Extract<FormPart, { kind: 'file' }>): void {
  if (part.name !== 'file') {
    throw invalidForm(`Unexpected file field "${part.name}"; send the file as "file".`, part.name);
  }
  // a name that would break a header line is an injection attempt, not a typo to clean up
  if (LINE_BREAKS.test(part.fileName ?? '')) {
    throw invalidForm('The file name must not contain line breaks.', 'file');
  }
}

export const fileRequired = (): ApiError =>
  invalidForm('A file is required in the field "file".', 'file');

const LIMIT_ERRORS = new Set(['FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT']);

/**
 * The parts of a multipart body in the order they arrive, each file a stream to be read before the next
 * part. Whatever is left unread when the reader stops is drained, so the connection stays usable.
 */
export async function* multipartForm(request: FastifyRequest): AsyncIterable<FormPart> {
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        yield {
          kind: 'file',
          name: part.fieldname,
          fileName: part.filename,
          contentType: part.mimetype,
          content: part.file,
        };
      } else {
        yield { kind: 'field', name: part.fieldname, value: String(part.value) };
      }
    }
  } catch (error) {
    if (LIMIT_ERRORS.has((error as { code?: string }).code ?? '')) {
      throw new ApiError(
        'VALIDATION_FAILED',
        'Send one file in the field "file" and at most the field "messageId" or "noteId" beside it.',
      );
    }
    if (error instanceof ApiError) throw error;
    // busboy's own errors: no boundary, a malformed part header, a body that ends mid-part
    throw new ApiError(
      'MALFORMED_BODY',
      `The multipart body is malformed: ${(error as Error).message}`,
    );
  } finally {
    if (!request.raw.complete) {
      request.raw.unpipe();
      request.raw.resume();
    }
  }
}
