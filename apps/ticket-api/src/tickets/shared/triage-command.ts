import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { setVersionHeaders } from '@app/ticket-http';
import type { RequestContext } from '@app/ticket-store';
import type { TicketTriageResponse } from './ticket.responses';

/** A staff command that changes who handles a ticket or how urgently (assign, priority). */
export interface TriageCommand {
  readonly context: RequestContext;
  readonly ticketId: number;
}

/** The routes of triage commands: send the command, answer the ticket's triage with the version as ETag. */
export abstract class TriageCommandController {
  @Inject(CommandBus) private readonly commands!: CommandBus;

  protected async send(command: TriageCommand, reply: FastifyReply): Promise<TicketTriageResponse> {
    const result = await this.commands.execute<TriageCommand, TicketTriageResponse>(command);
    setVersionHeaders(reply, result.version);
    return result;
  }
}
