import type { Readable } from 'node:stream';
import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { ApiError } from '@app/platform/http/api-error';
import {
  OBJECT_STORAGE,
  ObjectErasedError,
  ObjectNotFoundError,
} from '../../storage/object-storage.port';
import type { ByteSpan, ObjectStorage } from '../../storage/object-storage.port';
import { contentDisposition } from '../shared/file-name';
import { ATTACHMENT_READ_MODEL } from '@app/read-model';
import type { AttachmentReadModel, AttachmentRecord } from '@app/read-model';
import { parseRange } from './byte-range';
import { DownloadAttachmentQuery } from './download-attachment.query';

export interface Download {
  readonly status: 200 | 206 | 304;
  readonly headers: Record<string, string>;
  readonly body?: Readable;
}

const notFound = (attachmentId: number): ApiError =>
  new ApiError('ATTACHMENT_NOT_FOUND', `Attachment ${attachmentId} was not found.`);

const matches = (header: string | undefined, etag: string): boolean =>
  header !== undefined &&
  header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);

/** An attachment from the read model, its bytes streamed from object storage, whole or one range. */
@QueryHandler(DownloadAttachmentQuery)
export class DownloadAttachmentHandler implements IQueryHandler<DownloadAttachmentQuery, Download> {
  constructor(
    @Inject(ATTACHMENT_READ_MODEL) private readonly attachments: AttachmentReadModel,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute(query: DownloadAttachmentQuery): Promise<Download> {
    const attachment = await this.attachments.find(
      query.ticketId,
      query.attachmentId,
      query.accountId,
      query.reader,
    );
    if (!attachment) throw notFound(query.attachmentId);
    const etag = `"${attachment.sha256}"`;
    const headers = {
      etag,
      'accept-ranges': 'bytes',
      'cache-control': 'private, no-cache',
      'content-type': attachment.contentType,
      'content-disposition': contentDisposition(attachment.fileName),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    };
    if (matches(query.headers.ifNoneMatch, etag)) return { status: 304, headers };
    const { range, ifRange } = query.headers;
    const outcome =
      ifRange === undefined || ifRange.trim() === etag
        ? parseRange(range, attachment.size)
        : ({ kind: 'whole' } as const);
    if (outcome.kind === 'unsatisfiable') {
      throw new ApiError(
        'RANGE_NOT_SATISFIABLE',
        `The range ${range} is outside the file's ${attachment.size} bytes.`,
        { headers: { 'content-range': `bytes */${attachment.size}` } },
      );
    }
    if (outcome.kind === 'whole') {
      return {
        status: 200,
        headers: { ...headers, 'content-length': String(attachment.size) },
        body: await this.read(attachment, query.accountId),
      };
    }
    const { start, end } = outcome.span;
    return {
      status: 206,
      headers: {
        ...headers,
        'content-length': String(end - start + 1),
        'content-range': `bytes ${start}-${end}/${attachment.size}`,
      },
      body: await this.read(attachment, query.accountId, outcome.span),
    };
  }

  private async read(
    attachment: AttachmentRecord,
    accountId: string,
    span?: ByteSpan,
  ): Promise<Readable> {
    try {
      return await this.storage.read(attachment.objectKey, span, accountId);
    } catch (error) {
      if (error instanceof ObjectNotFoundError) throw notFound(attachment.attachmentId);
      if (error instanceof ObjectErasedError) {
        throw new ApiError(
          'ATTACHMENT_ERASED',
          `Attachment ${attachment.attachmentId} was erased with its account's data.`,
        );
      }
      throw error;
    }
  }
}
