import { Controller, HttpCode, Inject, Logger, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { ATTACHMENT_SERVICE_CONFIG } from '../../config/attachment-service.config';
import type { AttachmentServiceConfig } from '../../config/attachment-service.config';
import {
  FILE_TOO_LARGE_DETAIL,
  MAX_ATTACHMENT_BYTES,
  MULTIPART_OVERHEAD_BYTES,
} from '../shared/attachment-limits';
import { idempotencyKeyOf } from '@app/platform/idempotency/idempotency-key';
import { requestContext, versionEtag } from '@app/ticket-http';
import { parseId } from '@app/platform/http/path-id';
import { attachmentLocation } from '../shared/attachment.responses';
import { UploadAttachmentCommand } from './upload-attachment.command';
import type { UploadAttachmentResult } from './upload-attachment.handler';
import { watchSlowBody } from './slow-body-watch';
import { multipartForm } from './upload-form';
import { UploadIdempotency } from './upload-idempotency';
import type { UploadAnswer } from './upload-idempotency';

@Controller('api/Ticket')
export class UploadAttachmentController {
  private readonly logger = new Logger('UploadAttachment');

  constructor(
    private readonly commands: CommandBus,
    private readonly idempotency: UploadIdempotency,
    @Inject(ATTACHMENT_SERVICE_CONFIG) private readonly config: AttachmentServiceConfig,
  ) {}

  @Post(':id/attachment')
  @HttpCode(201)
  async upload(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<unknown> {
    const ticketId = parseId(id, 'id');
    if (!request.isMultipart()) {
      throw new ApiError(
        'UNSUPPORTED_MEDIA_TYPE',
        'Upload the file as multipart/form-data in the field "file".',
      );
    }
    // a declared length far over the cap is refused before a byte is read
    if (
      Number(request.headers['content-length']) >
      MAX_ATTACHMENT_BYTES + MULTIPART_OVERHEAD_BYTES
    ) {
      throw new ApiError('FILE_TOO_LARGE', FILE_TOO_LARGE_DETAIL);
    }
    const context = requestContext(request, principal);
    const idempotencyKey = idempotencyKeyOf(request);
    const form = multipartForm(request);
    const upload = async (): Promise<UploadAnswer<UploadAttachmentResult>> => {
      const result = await this.commands.execute<UploadAttachmentCommand, UploadAttachmentResult>(
        new UploadAttachmentCommand(context, ticketId, form),
      );
      return {
        body: result,
        headers: {
          etag: versionEtag(result.ticketVersion),
          location: attachmentLocation(ticketId, result.id, principal.accountId),
        },
      };
    };
    // a client that trickles forever is cut off, so uploads never outlive the sweeper's grace period
    const cutOff = (why: string) => () => {
      this.logger.warn(`upload cut off after ${request.raw.socket?.bytesRead ?? 0} bytes: ${why}`);
      request.raw.destroy();
    };
    const deadline = setTimeout(
      cutOff('still streaming at the upload timeout'),
      this.config.UPLOAD_TIMEOUT_MS,
    );
    const stopWatching = watchSlowBody(
      request.raw,
      {
        bytesPerSecond: this.config.UPLOAD_MIN_BYTES_PER_SECOND,
        windowMs: this.config.UPLOAD_RATE_WINDOW_MS,
      },
      cutOff('body slower than the minimum rate'),
    );
    try {
      const answer =
        idempotencyKey === undefined
          ? await upload()
          : await this.idempotency.run({
              apiKeyId: principal.apiKeyId,
              key: idempotencyKey,
              url: request.url,
              form,
              upload,
            });
      void reply.headers(answer.headers);
      if (answer.replayed) void reply.header('idempotent-replayed', 'true');
      return answer.body;
    } finally {
      clearTimeout(deadline);
      stopWatching();
    }
  }
}
