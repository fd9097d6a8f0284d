import { parseArgs } from 'node:util';
import { generateApiKey } from '@app/platform/auth/api-key';
import { ACCOUNT_ID } from '@app/platform/auth/api-key.guard';
import type { ApiKeyRepository } from '@app/platform/auth/api-key.repository';
import { GROUP_NAME, isAgentName } from '../agents/agent.directory';
import type { AgentDirectory } from '../agents/agent.directory';

export const USAGE = `usage:
  api-key create --account <accountId> --role customer|staff
  api-key create --role staff --agent "<name>" [--group <group>]...
  api-key list
  api-key revoke <key id or prefix>`;

/** A refusal of the command: printed alone, and the process exits non-zero. */
export class ApiKeyCommandError extends Error {
  override readonly name = 'ApiKeyCommandError';
}

/** Runs one api-key command; returns what it prints, or throws ApiKeyCommandError. */
export async function runApiKeyCommand(
  repository: ApiKeyRepository,
  argv: string[],
  agents?: AgentDirectory,
): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      account: { type: 'string' },
      role: { type: 'string', default: 'customer' },
      agent: { type: 'string' },
      group: { type: 'string', multiple: true, default: [] },
    },
  });
  const [command, target] = positionals;
  if (command === 'create') {
    const role = values.role;
    if (role !== 'customer' && role !== 'staff')
      throw new ApiKeyCommandError('--role must be customer or staff');
    if (role === 'customer' && !values.account)
      throw new ApiKeyCommandError('--account is required for customer keys');
    if (values.account !== undefined && !ACCOUNT_ID.test(values.account))
      throw new ApiKeyCommandError(
        `--account must be 1-64 letters, digits, - or _ (a customer key acts for one account; ` +
          `staff keys act for every account without --account)`,
      );
    const agentId = await agentOf(values.agent, values.group, role, agents);
    const key = generateApiKey();
    await repository.create(key, role, values.account ?? null, agentId);
    return key;
  }
  if (command === 'list') {
    const keys = await repository.list();
    return keys
      .map((k) =>
        [
          k.id,
          k.keyPrefix,
          k.role,
          k.accountId ?? '*',
          k.createdAt.toISOString(),
          k.revokedAt ? 'revoked' : 'active',
        ].join('\t'),
      )
      .join('\n');
  }
  if (command === 'revoke' && target) {
    const matched = await repository.revoke(target);
    if (matched === 0) throw new ApiKeyCommandError(`no active key matches ${target}`);
    if (matched > 1)
      throw new ApiKeyCommandError(
        `${matched} active keys match ${target}; nothing was revoked. Revoke one by its id (see list).`,
      );
    return 'revoked 1 key(s)';
  }
  throw new ApiKeyCommandError(USAGE);
}

/** The agent named by --agent, created on first use with the --group groups added; null without --agent. */
async function agentOf(
  name: string | undefined,
  groups: string[],
  role: string,
  agents: AgentDirectory | undefined,
): Promise<number | null> {
  if (name === undefined) {
    if (groups.length > 0) throw new ApiKeyCommandError('--group needs --agent');
    return null;
  }
  if (role !== 'staff') throw new ApiKeyCommandError('--agent is for staff keys only');
  const trimmed = name.trim();
  if (!isAgentName(trimmed)) {
    throw new ApiKeyCommandError('--agent must be 1-100 characters without control characters');
  }
  const invalid = groups.find((g) => !GROUP_NAME.test(g));
  if (invalid !== undefined) {
    throw new ApiKeyCommandError(
      `--group ${invalid}: 1-40 lowercase letters, digits, - or _, starting with a letter or digit`,
    );
  }
  if (!agents) throw new ApiKeyCommandError('agents are not available here');
  return (await agents.ensure(trimmed, groups)).id;
}
