import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import type { FastifyReply } from 'fastify';
import { CommandTarget } from '@app/ticket-http';
import type { TicketTarget } from '@app/ticket-http';
import { StatusCommandController } from '../shared/status-command';
import { ResolveTicketCommand } from './resolve-ticket.command';

@Controller('api/Ticket')
export class ResolveTicketController extends StatusCommandController {
  @Idempotent()
  @Post(':id/resolve')
  @HttpCode(200)
  resolve(@CommandTarget() target: TicketTarget, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.send(new ResolveTicketCommand(target.context, target.ticketId), reply);
  }
}
