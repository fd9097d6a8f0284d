import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import type { FastifyReply } from 'fastify';
import { CommandTarget } from '@app/ticket-http';
import type { TicketTarget } from '@app/ticket-http';
import { TriageCommandController } from '../shared/triage-command';
import { ChangePriorityCommand } from './change-priority.command';
import { ChangePriorityRequest } from './change-priority.request';

@Controller('api/Ticket')
export class ChangePriorityController extends TriageCommandController {
  @Idempotent()
  @Post(':id/priority')
  @HttpCode(200)
  changePriority(
    @Body() body: ChangePriorityRequest,
    @CommandTarget() target: TicketTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const command = new ChangePriorityCommand(target.context, target.ticketId, body.priority);
    return this.send(command, reply);
  }
}
