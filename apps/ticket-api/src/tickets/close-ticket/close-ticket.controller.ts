import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import type { FastifyReply } from 'fastify';
import { CommandTarget } from '@app/ticket-http';
import type { TicketTarget } from '@app/ticket-http';
import { StatusCommandController } from '../shared/status-command';
import { CloseTicketCommand } from './close-ticket.command';

@Controller('api/Ticket')
export class CloseTicketController extends StatusCommandController {
  @Idempotent()
  @Post(':id/close')
  @HttpCode(200)
  close(@CommandTarget() target: TicketTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(new CloseTicketCommand(target.context, target.ticketId), reply);
  }
}
