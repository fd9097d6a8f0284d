import { Inject } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { TicketCommand } from '@app/domain';
import { setVersionHeaders } from '@app/ticket-http';
import { commandMetadata, TicketCommandRunner } from '@app/ticket-store';
import type { RequestContext } from '@app/ticket-store';
import { statusResponse } from './ticket.responses';
import type { TicketStatusResponse } from './ticket.responses';

type Unsent<T> = T extends unknown ? Omit<T, 'metadata'> : never;

/** A command that moves a ticket's status (close, resolve, status change) and answers where it now stands. */
export interface StatusCommand {
  readonly context: RequestContext;
  readonly ticketId: number;
}

/** The routes of status commands: send the command, answer its status with the version as ETag. */
export abstract class StatusCommandController {
  @Inject(CommandBus) private readonly commands!: CommandBus;

  protected async send(command: StatusCommand, reply: FastifyReply): Promise<TicketStatusResponse> {
    const result = await this.commands.execute<StatusCommand, TicketStatusResponse>(command);
    setVersionHeaders(reply, result.version);
    return result;
  }
}

/** The handlers of status commands: the decider's command for it, run on the ticket. */
export abstract class StatusCommandHandler<C extends StatusCommand> {
  @Inject(TicketCommandRunner) private readonly runner!: TicketCommandRunner;

  protected abstract commandFor(command: C): Unsent<TicketCommand>;

  async execute(command: C): Promise<TicketStatusResponse> {
    const { context, ticketId } = command;
    const { ticket, version } = await this.runner.run(ticketId, context, {
      ...this.commandFor(command),
      metadata: commandMetadata(context),
    });
    return statusResponse(ticket, version);
  }
}
