import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { TicketErrors } from '@app/domain';
import type { Assignee } from '@app/domain';
import { ApiError } from '@app/platform/http/api-error';
import { commandMetadata, TicketCommandRunner } from '@app/ticket-store';
import { AGENT_DIRECTORY } from '../../agents/agent.directory';
import type { AgentDirectory } from '../../agents/agent.directory';
import { triageResponse } from '../shared/ticket.responses';
import type { TicketTriageResponse } from '../shared/ticket.responses';
import { AssignTicketCommand } from './assign-ticket.command';
import type { AssignTicketRequest } from './assign-ticket.request';

@CommandHandler(AssignTicketCommand)
export class AssignTicketHandler implements ICommandHandler<
  AssignTicketCommand,
  TicketTriageResponse
> {
  constructor(
    @Inject(TicketCommandRunner) private readonly runner: TicketCommandRunner,
    @Inject(AGENT_DIRECTORY) private readonly agents: AgentDirectory,
  ) {}

  async execute({ context, ticketId, request }: AssignTicketCommand) {
    // before the agent lookup, so a customer key learns nothing about agents
    if (context.principal.role !== 'staff') throw TicketErrors.staffOnly('assign a ticket');
    const assignee = await this.assigneeOf(request);
    const { ticket, version } = await this.runner.run(ticketId, context, {
      type: 'AssignTicket',
      data: { ticketId, assignee },
      metadata: commandMetadata(context),
    });
    return triageResponse(ticket, version);
  }

  private async assigneeOf({ agentId, group }: AssignTicketRequest): Promise<Assignee | null> {
    const hasAgent = agentId !== undefined;
    const hasGroup = group !== undefined && group !== null;
    if (hasAgent === hasGroup) {
      throw new ApiError('VALIDATION_FAILED', 'Give either agentId (null: unassign) or group.', {
        errors: [{ field: 'agentId', messages: ['give either agentId or group'] }],
      });
    }
    if (hasGroup) return { group };
    if (agentId === null || agentId === undefined) return null;
    const agent = await this.agents.find(agentId);
    if (!agent) throw new ApiError('AGENT_NOT_FOUND', `Agent ${agentId} was not found.`);
    return { agentId: agent.id, name: agent.name };
  }
}
