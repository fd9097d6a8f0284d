import 'reflect-metadata';
import { DatabaseConfig } from '../config/common.config';
import { validateConfig } from '../config/validate-config';
import { createPool } from './database';
import { cliDatabaseUrl } from './local-stack';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const config = validateConfig(DatabaseConfig, { ...process.env, DATABASE_URL: cliDatabaseUrl() });
  const pool = createPool(config.DATABASE_URL, 1, 'migrate');
  try {
    const applied = await migrate(pool);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
