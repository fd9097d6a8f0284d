import { createPool } from '@app/platform/db/database';
import { cliDatabaseUrl } from '@app/platform/db/local-stack';
import { AuditCommandError, runAuditCommand, USAGE } from './audit.commands';

async function main(): Promise<number> {
  const pool = createPool(cliDatabaseUrl(), 1, 'audit-cli');
  try {
    const { output, exitCode } = await runAuditCommand(pool, process.argv.slice(2), (line) =>
      console.error(line),
    );
    console.log(output);
    return exitCode;
  } finally {
    await pool.end();
  }
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    if (error instanceof AuditCommandError) {
      console.error(`${error.message}\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
