import { Controller, Get, Header, Inject } from '@nestjs/common';
import type { ActorRole } from '@app/domain';
import { KeyOnlyRoute } from '@app/platform/auth/api-key.guard';
import type { StoredApiKey } from '@app/platform/auth/api-key.repository';
import { CurrentApiKey } from '@app/platform/auth/current-principal.decorator';
import { AGENT_DIRECTORY } from '../agents/agent.directory';
import type { Agent, AgentDirectory } from '../agents/agent.directory';

export interface WhoAmIResponse {
  readonly role: ActorRole;
  /** The key's account; null for a staff key, which acts for every account. */
  readonly accountId: string | null;
  readonly keyPrefix: string;
  /** The agent a staff key belongs to; null for customer keys and staff keys without one. */
  readonly agent: Agent | null;
}

/** Who the X-API-Key belongs to, so a client (the panel) can sign in with a pasted key. */
@Controller('api')
export class WhoAmIController {
  constructor(@Inject(AGENT_DIRECTORY) private readonly agents: AgentDirectory) {}

  @Get('me')
  @KeyOnlyRoute()
  @Header('cache-control', 'private, no-store')
  async whoAmI(@CurrentApiKey() key: StoredApiKey): Promise<WhoAmIResponse> {
    const agent = key.agentId === null ? null : await this.agents.find(key.agentId);
    return { role: key.role, accountId: key.accountId, keyPrefix: key.keyPrefix, agent };
  }
}
