import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { createPool } from '@app/platform/db/database';
import { cliDatabaseUrl } from '@app/platform/db/local-stack';
import { PgAgentDirectory } from '../agents/pg-agent.directory';
import { runApiKeyCommand } from './api-key.commands';

async function main(): Promise<void> {
  const pool = createPool(cliDatabaseUrl(), 1, 'api-key-cli');
  try {
    const keys = new PgApiKeyRepository(pool);
    console.log(await runApiKeyCommand(keys, process.argv.slice(2), new PgAgentDirectory(pool)));
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
