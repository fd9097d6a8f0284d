import { READ_MODEL_CHANNEL, everyTicketOf } from './read-model-notifications';
import type { Pool, PoolClient } from 'pg';
import { assertSchemaName } from './read-model-schema';

type Queryable = Pool | PoolClient;

/**
 * Creates schema `to` with the tables of schema `from` as the migrations made them: columns, defaults,
 * checks, primary keys and unique constraints now (upserts need them), the other indexes returned as
 * statements to run once the tables are filled.
 */
export async function cloneReadModelSchema(
  client: PoolClient,
  from: string,
  to: string,
): Promise<string[]> {
  assertSchemaName(from);
  assertSchemaName(to);
  await client.query(`CREATE SCHEMA ${to}`);
  const { rows: tables } = await client.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY c.relname`,
    [from],
  );
  if (tables.length === 0) throw new Error(`schema ${from} has no tables to copy`);
  const deferred: string[] = [];
  for (const table of tables) {
    await client.query(
      `CREATE TABLE ${to}.${table.name} (LIKE ${from}.${table.name}
         INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING IDENTITY INCLUDING GENERATED INCLUDING STORAGE)`,
    );
    const { rows: constraints } = await client.query<{ name: string; definition: string }>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
       WHERE conrelid = $1 AND contype IN ('p', 'u', 'x') ORDER BY conname`,
      [table.oid],
    );
    for (const c of constraints) {
      await client.query(
        `ALTER TABLE ${to}.${table.name} ADD CONSTRAINT ${c.name} ${c.definition}`,
      );
    }
    const { rows: indexes } = await client.query<{ definition: string }>(
      `SELECT pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i
       WHERE i.indrelid = $1
         AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
       ORDER BY i.indexrelid`,
      [table.oid],
    );
    for (const index of indexes) {
      const target = ` ON ${from}.${table.name} `;
      if (!index.definition.includes(target)) {
        throw new Error(`cannot copy index: ${index.definition}`);
      }
      deferred.push(index.definition.replace(target, ` ON ${to}.${table.name} `));
    }
  }
  return deferred;
}

/** Schema `to` as a complete, empty copy of `from`, indexes included: a read model of its own. */
export async function copyReadModelSchema(
  client: PoolClient,
  from: string,
  to: string,
): Promise<void> {
  for (const statement of await cloneReadModelSchema(client, from, to)) {
    await client.query(statement);
  }
}

export async function dropReadModelSchema(client: Queryable, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${assertSchemaName(schema)} CASCADE`);
}

/** Fresh statistics for the planner once a schema's tables are filled in bulk. */
export async function analyzeReadModel(client: Queryable, schema: string): Promise<void> {
  assertSchemaName(schema);
  await client.query(`ANALYZE ${schema}.tickets, ${schema}.messages, ${schema}.attachments`);
}

/** Puts `next` in the place of `live`, which becomes `old`; inside the caller's transaction. */
export async function swapReadModelSchemas(
  client: PoolClient,
  names: { live: string; next: string; old: string },
): Promise<void> {
  const [live, next, old] = [names.live, names.next, names.old].map(assertSchemaName);
  await client.query(`ALTER SCHEMA ${live} RENAME TO ${old}`);
  await client.query(`ALTER SCHEMA ${next} RENAME TO ${live}`);
  await client.query('SELECT pg_notify($1, $2)', [READ_MODEL_CHANNEL, everyTicketOf(live)]);
}

export async function countTickets(client: Queryable, schema: string): Promise<number> {
  assertSchemaName(schema);
  const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM ${schema}.tickets`);
  return Number(rows[0].count);
}
