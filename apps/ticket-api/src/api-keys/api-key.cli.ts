import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { createPool } from '@app/platform/db/database';
import { cliDatabaseUrl } from '@app/platform/db/local-stack';
import { runApiKeyCommand } from './api-key.commands';

async function main(): Promise<void> {
  const pool = createPool(cliDatabaseUrl(), 1, 'api-key-cli');
  try {
    console.log(await runApiKeyCommand(new PgApiKeyRepository(pool), process.argv.slice(2)));
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
