import { Controller, Get, Header, Inject } from '@nestjs/common';
import { TicketErrors } from '@app/domain';
import { KeyOnlyRoute } from '@app/platform/auth/api-key.guard';
import type { StoredApiKey } from '@app/platform/auth/api-key.repository';
import { CurrentApiKey } from '@app/platform/auth/current-principal.decorator';
import { QUEUE_READ_MODEL } from '@app/read-model';
import type { QueueReadModel } from '@app/read-model';
import { AGENT_DIRECTORY } from '../../agents/agent.directory';
import type { AgentDirectory } from '../../agents/agent.directory';

export interface QueueCountsResponse {
  /** open, unassigned, mine, awaiting-staff, then `group:<name>` for every group of an agent or a ticket. */
  views: { view: string; count: number }[];
}

/** How many tickets each queue view holds, for the key's agent (mine) and every group. */
@Controller('api')
export class CountQueueController {
  constructor(
    @Inject(QUEUE_READ_MODEL) private readonly queue: QueueReadModel,
    @Inject(AGENT_DIRECTORY) private readonly agents: AgentDirectory,
  ) {}

  @Get('queue/counts')
  @KeyOnlyRoute()
  @Header('cache-control', 'private, no-store')
  async count(@CurrentApiKey() key: StoredApiKey): Promise<QueueCountsResponse> {
    if (key.role !== 'staff') throw TicketErrors.staffOnly('read the queue');
    const [counts, agents] = await Promise.all([
      this.queue.counts(key.agentId),
      this.agents.list(),
    ]);
    const groups = new Set([...agents.flatMap((a) => a.groups), ...counts.groups.keys()]);
    return {
      views: [
        { view: 'open', count: counts.open },
        { view: 'unassigned', count: counts.unassigned },
        { view: 'mine', count: key.agentId === null ? 0 : counts.mine },
        { view: 'awaiting-staff', count: counts.awaitingStaff },
        ...[...groups]
          .sort()
          .map((g) => ({ view: `group:${g}`, count: counts.groups.get(g) ?? 0 })),
      ],
    };
  }
}
