import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import type { FastifyReply } from 'fastify';
import { CommandTarget } from '@app/ticket-http';
import type { TicketTarget } from '@app/ticket-http';
import { TriageCommandController } from '../shared/triage-command';
import { AssignTicketCommand } from './assign-ticket.command';
import { AssignTicketRequest } from './assign-ticket.request';

@Controller('api/Ticket')
export class AssignTicketController extends TriageCommandController {
  @Idempotent()
  @Post(':id/assign')
  @HttpCode(200)
  assign(
    @Body() body: AssignTicketRequest,
    @CommandTarget() target: TicketTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.send(new AssignTicketCommand(target.context, target.ticketId, body), reply);
  }
}
