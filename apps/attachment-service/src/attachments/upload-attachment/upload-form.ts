import type { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '@app/platform/http/api-error';

export type FormPart =
  | { readonly kind: 'field'; readonly name: string; readonly value: string }
  | {
      readonly kind: 'file';
      readonly name: string;
      readonly fileName: string | undefined;
      readonly contentType: string | undefined;
      readonly content: Readable;
    };

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
        'Send one file in the field "file" and at most the field "messageId" beside it.',
      );
    }
    throw error;
  } finally {
    if (!request.raw.complete) {
      request.raw.unpipe();
      request.raw.resume();
    }
  }
}
