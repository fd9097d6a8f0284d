import { IsInt, Matches, Max, Min, ValidateIf } from 'class-validator';
import { GROUP_NAME } from '../../agents/agent.directory';

/** `{ "agentId": n }`, `{ "group": "name" }` or `{ "agentId": null }` (unassign): exactly one of the two. */
export class AssignTicketRequest {
  @ValidateIf((body: AssignTicketRequest) => body.agentId !== null && body.agentId !== undefined)
  @Max(Number.MAX_SAFE_INTEGER)
  @Min(1)
  @IsInt({ message: 'agentId must be an agent id or null' })
  agentId?: number | null;

  @ValidateIf((body: AssignTicketRequest) => body.group !== null && body.group !== undefined)
  @Matches(GROUP_NAME, {
    message:
      'group must be 1-40 lowercase letters, digits, - or _, starting with a letter or digit',
  })
  group?: string | null;
}
