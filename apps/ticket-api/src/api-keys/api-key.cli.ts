import { parseArgs } from 'node:util';
import { generateApiKey } from '@app/platform/auth/api-key';
import { PgApiKeyRepository } from '@app/platform/auth/pg-api-key.repository';
import { createPool } from '@app/platform/db/database';
import { cliDatabaseUrl } from '@app/platform/db/local-stack';

const USAGE = `usage:
  api-key create --account <accountId> --role customer|staff
  api-key list
  api-key revoke <key id or prefix>`;

async function run(repository: PgApiKeyRepository, argv: string[]): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { account: { type: 'string' }, role: { type: 'string', default: 'customer' } },
  });
  const [command, target] = positionals;
  if (command === 'create') {
    const role = values.role;
    if (role !== 'customer' && role !== 'staff')
      throw new Error('--role must be customer or staff');
    if (role === 'customer' && !values.account)
      throw new Error('--account is required for customer keys');
    const key = generateApiKey();
    await repository.create(key, role, values.account ?? null);
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
    const revoked = await repository.revoke(target);
    if (revoked === 0) throw new Error(`no active key matches ${target}`);
    return `revoked ${revoked} key(s)`;
  }
  throw new Error(USAGE);
}

async function main(): Promise<void> {
  const pool = createPool(cliDatabaseUrl(), 1, 'api-key-cli');
  try {
    console.log(await run(new PgApiKeyRepository(pool), process.argv.slice(2)));
  } finally {
    await pool.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
