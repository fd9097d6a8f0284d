import type { Pool } from 'pg';
import type { Agent, AgentDirectory } from './agent.directory';

interface AgentRow {
  id: string;
  name: string;
  groups: string[];
}

const SELECT_AGENTS = `SELECT a.id, a.name,
    COALESCE(array_agg(g.group_name ORDER BY g.group_name) FILTER (WHERE g.group_name IS NOT NULL), '{}') AS groups
  FROM agents a LEFT JOIN agent_groups g ON g.agent_id = a.id`;

const toAgent = (row: AgentRow): Agent => ({
  id: Number(row.id),
  name: row.name,
  groups: row.groups,
});

export class PgAgentDirectory implements AgentDirectory {
  constructor(private readonly pool: Pool) {}

  async ensure(name: string, groups: readonly string[]): Promise<Agent> {
    const { rows } = await this.pool.query<{ id: string }>(
      `WITH agent AS (
         INSERT INTO agents (name) VALUES ($1)
         ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name RETURNING id
       ), grouped AS (
         INSERT INTO agent_groups (agent_id, group_name)
         SELECT agent.id, g FROM agent, unnest($2::text[]) AS g ON CONFLICT DO NOTHING
       )
       SELECT id FROM agent`,
      [name, [...groups]],
    );
    const agent = await this.find(Number(rows[0].id));
    if (!agent) throw new Error(`agent ${name} vanished`);
    return agent;
  }

  async find(id: number): Promise<Agent | null> {
    const { rows } = await this.pool.query<AgentRow>(
      `${SELECT_AGENTS} WHERE a.id = $1 GROUP BY a.id`,
      [id],
    );
    return rows[0] ? toAgent(rows[0]) : null;
  }

  async list(): Promise<Agent[]> {
    const { rows } = await this.pool.query<AgentRow>(
      `${SELECT_AGENTS} GROUP BY a.id ORDER BY a.name, a.id`,
    );
    return rows.map(toAgent);
  }
}
