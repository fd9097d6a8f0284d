import { Controller, Get, Header, Inject } from '@nestjs/common';
import { TicketErrors } from '@app/domain';
import { KeyOnlyRoute } from '@app/platform/auth/api-key.guard';
import type { StoredApiKey } from '@app/platform/auth/api-key.repository';
import { CurrentApiKey } from '@app/platform/auth/current-principal.decorator';
import { AGENT_DIRECTORY } from '../agent.directory';
import type { Agent, AgentDirectory } from '../agent.directory';

export interface AgentList {
  readonly items: readonly Agent[];
}

/** Every agent with its groups, for staff keys: whom a ticket can be assigned to. */
@Controller('api')
export class ListAgentsController {
  constructor(@Inject(AGENT_DIRECTORY) private readonly agents: AgentDirectory) {}

  @Get('agents')
  @KeyOnlyRoute()
  @Header('cache-control', 'private, no-store')
  async listAgents(@CurrentApiKey() key: StoredApiKey): Promise<AgentList> {
    if (key.role !== 'staff') throw TicketErrors.staffOnly('list the agents');
    return { items: await this.agents.list() };
  }
}
