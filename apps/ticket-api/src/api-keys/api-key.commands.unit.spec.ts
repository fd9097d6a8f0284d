import type { ApiKeyRepository, StoredApiKey } from '@app/platform/auth/api-key.repository';
import type { KeyRole } from '@app/platform/auth/principal';
import type { Agent, AgentDirectory } from '../agents/agent.directory';
import { runApiKeyCommand } from './api-key.commands';

/** Keys in memory, revoked as the repository promises: only when exactly one active key matches. */
class InMemoryApiKeys implements ApiKeyRepository {
  readonly keys: StoredApiKey[] = [];

  async create(
    key: string,
    role: KeyRole,
    accountId: string | null,
    agentId: number | null = null,
  ): Promise<StoredApiKey> {
    const stored = {
      id: String(this.keys.length + 1),
      keyPrefix: key.slice(0, 10),
      role,
      accountId,
      agentId,
      createdAt: new Date(0),
      revokedAt: null,
    };
    this.keys.push(stored);
    return stored;
  }

  async findActiveByKey(): Promise<StoredApiKey | null> {
    return null;
  }

  async list(): Promise<StoredApiKey[]> {
    return this.keys;
  }

  async revoke(idOrPrefix: string): Promise<number> {
    const matched = this.keys.filter(
      (k) => !k.revokedAt && (k.id === idOrPrefix || k.keyPrefix === idOrPrefix),
    );
    if (matched.length === 1) Object.assign(matched[0], { revokedAt: new Date() });
    return matched.length;
  }
}

/** Agents in memory: one per name, groups added on each use. */
class InMemoryAgents implements AgentDirectory {
  readonly agents: Agent[] = [];

  async ensure(name: string, groups: readonly string[]): Promise<Agent> {
    const existing = this.agents.find((a) => a.name === name);
    const agent = {
      id: existing?.id ?? this.agents.length + 1,
      name,
      groups: [...new Set([...(existing?.groups ?? []), ...groups])].sort(),
    };
    if (existing) this.agents.splice(this.agents.indexOf(existing), 1, agent);
    else this.agents.push(agent);
    return agent;
  }

  async find(id: number): Promise<Agent | null> {
    return this.agents.find((a) => a.id === id) ?? null;
  }

  async list(): Promise<Agent[]> {
    return this.agents;
  }
}

describe('the api-key command', () => {
  it('creates a staff key for an agent on first use of the name, and gives the next key of that name the same agent', async () => {
    const keys = new InMemoryApiKeys();
    const agents = new InMemoryAgents();

    await runApiKeyCommand(
      keys,
      ['create', '--role', 'staff', '--agent', 'Ana Lopez', '--group', 'billing'],
      agents,
    );
    await runApiKeyCommand(
      keys,
      ['create', '--role', 'staff', '--agent', 'Ana Lopez', '--group', 'access'],
      agents,
    );

    expect(agents.agents).toEqual([{ id: 1, name: 'Ana Lopez', groups: ['access', 'billing'] }]);
    expect(keys.keys.map((k) => [k.role, k.agentId])).toEqual([
      ['staff', 1],
      ['staff', 1],
    ]);
  });

  it('creates a staff key without an agent when --agent is absent', async () => {
    const keys = new InMemoryApiKeys();

    await runApiKeyCommand(keys, ['create', '--role', 'staff'], new InMemoryAgents());

    expect(keys.keys.map((k) => k.agentId)).toEqual([null]);
  });

  it.each([
    [['create', '--account', 'acct-1', '--role', 'customer', '--agent', 'Ana'], /staff keys only/],
    [['create', '--role', 'staff', '--group', 'billing'], /--group needs --agent/],
    [['create', '--role', 'staff', '--agent', 'Ana', '--group', 'Billing Team'], /--group/],
    [['create', '--role', 'staff', '--agent', '  '], /--agent must be/],
  ])('refuses %j and creates nothing', async (argv, message) => {
    const keys = new InMemoryApiKeys();
    const agents = new InMemoryAgents();

    await expect(runApiKeyCommand(keys, argv, agents)).rejects.toThrow(message);
    expect([keys.keys, agents.agents]).toEqual([[], []]);
  });

  it.each([['*'], ['a b'], ['']])(
    'refuses a customer key for account %j, and creates nothing',
    async (account) => {
      const keys = new InMemoryApiKeys();

      const created = runApiKeyCommand(keys, [
        'create',
        '--account',
        account,
        '--role',
        'customer',
      ]);

      await expect(created).rejects.toThrow(/--account/);
      expect(keys.keys).toEqual([]);
    },
  );

  it('creates a customer key for a plain account id', async () => {
    const keys = new InMemoryApiKeys();

    const key = await runApiKeyCommand(keys, [
      'create',
      '--account',
      'acct-1',
      '--role',
      'customer',
    ]);

    expect(key).toMatch(/^pdm_/);
    expect(keys.keys.map((k) => [k.role, k.accountId])).toEqual([['customer', 'acct-1']]);
  });

  it('refuses to revoke by a prefix two active keys share, says how many matched, and revokes none', async () => {
    const keys = new InMemoryApiKeys();
    await keys.create('pdm_AAAAAA-first', 'customer', 'acct-1');
    await keys.create('pdm_AAAAAA-second', 'staff', null);

    const revoked = runApiKeyCommand(keys, ['revoke', 'pdm_AAAAAA']);

    await expect(revoked).rejects.toThrow('2 active keys match pdm_AAAAAA; nothing was revoked');
    expect(keys.keys.map((k) => k.revokedAt)).toEqual([null, null]);
  });

  it('revokes the one key a prefix or an id names', async () => {
    const keys = new InMemoryApiKeys();
    await keys.create('pdm_AAAAAA-first', 'customer', 'acct-1');
    await keys.create('pdm_AAAAAA-second', 'staff', null);
    await keys.create('pdm_BBBBBB-third', 'staff', null);

    expect(await runApiKeyCommand(keys, ['revoke', 'pdm_BBBBBB'])).toBe('revoked 1 key(s)');
    expect(await runApiKeyCommand(keys, ['revoke', '1'])).toBe('revoked 1 key(s)');
    expect(keys.keys.map((k) => k.revokedAt !== null)).toEqual([true, false, true]);
  });

  it('says so when no active key matches', async () => {
    await expect(runApiKeyCommand(new InMemoryApiKeys(), ['revoke', 'pdm_CCCCCC'])).rejects.toThrow(
      'no active key matches pdm_CCCCCC',
    );
  });
});
