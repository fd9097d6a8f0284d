import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Pool } from 'pg';

const MIGRATION_LOCK = 7_340_001;

/** db/migrations of the nearest ancestor folder: works from the sources, from dist/ and in the image. */
export function defaultMigrationsDir(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const candidate = join(dir, 'db', 'migrations');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`no db/migrations folder above ${from}`);
}

interface Migration {
  version: number;
  name: string;
  upFile: string;
}

async function listMigrations(dir: string): Promise<Migration[]> {
  const files = await readdir(dir);
  return files
    .filter((f) => /^\d{3}_.+\.up\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.up\.sql$/, ''), upFile: f }));
}

/** Applies pending numbered migrations in order, each in its own transaction, serialised by an advisory lock. */
export async function migrate(pool: Pool, dir = defaultMigrationsDir()): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INT PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const doneVersions = new Set(done.rows.map((r) => r.version));
    for (const migration of await listMigrations(dir)) {
      if (doneVersions.has(migration.version)) continue;
      const sql = await readFile(join(dir, migration.upFile), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          migration.version,
          migration.name,
        ]);
        await client.query('COMMIT');
        applied.push(migration.name);
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
  return applied;
}
