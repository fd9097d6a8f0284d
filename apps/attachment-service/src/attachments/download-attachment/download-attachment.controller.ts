import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { parseId } from '@app/platform/http/path-id';
import { DownloadAttachmentQuery } from './download-attachment.query';
import type { Download } from './download-attachment.handler';

const header = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

@Controller('api/Ticket')
export class DownloadAttachmentController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id/attachment/:attachmentId')
  async download(
    @Param('id') id: string,
    @Param('attachmentId') attachmentId: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const download = await this.queries.execute<DownloadAttachmentQuery, Download>(
      new DownloadAttachmentQuery(
        parseId(id, 'id'),
        parseId(attachmentId, 'attachmentId'),
        principal.accountId,
        principal.role,
        {
          range: header(request.headers.range),
          ifRange: header(request.headers['if-range']),
          ifNoneMatch: header(request.headers['if-none-match']),
        },
      ),
    );
    void reply.status(download.status).headers(download.headers).send(download.body);
  }
}
