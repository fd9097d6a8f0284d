import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import type { FastifyReply } from 'fastify';
import { CommandTarget } from '@app/ticket-http';
import type { TicketTarget } from '@app/ticket-http';
import { StatusCommandController } from '../shared/status-command';
import { ChangeStatusCommand } from './change-status.command';
import { ChangeStatusRequest } from './change-status.request';

@Controller('api/Ticket')
export class ChangeStatusController extends StatusCommandController {
  @Idempotent()
  @Post(':id/status')
  @HttpCode(200)
  changeStatus(
    @Body() body: ChangeStatusRequest,
    @CommandTarget() target: TicketTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.send(new ChangeStatusCommand(target.context, target.ticketId, body.status), reply);
  }
}
