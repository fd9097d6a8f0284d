import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DatabaseConfig } from '@app/platform/config/common.config';
import { validateConfig } from '@app/platform/config/validate-config';
import { createPool } from '@app/platform/db/database';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';
import { cliDatabaseUrl } from '@app/platform/db/local-stack';
import { ReadModelRebuild } from './rebuild/read-model-rebuild';

const USAGE = `usage:
  projector rebuild [--workers <n>] [--page-size <n>] [--keep-old] [--json]

  Rebuilds every read model from the event store into fresh tables while the current ones keep serving,
  verifies them against the store and swaps them in. DATABASE_URL names the database (default: the one
  \`npm start\` runs); READ_MODEL_SCHEMA (default read_model) names the schema to replace.`;

class RebuildConfig extends DatabaseConfig {
  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;
}

const positiveInt = (raw: string, name: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`);
  return n;
};

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      workers: { type: 'string', default: '4' },
      'page-size': { type: 'string', default: '5000' },
      'keep-old': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  if (positionals[0] !== 'rebuild' || positionals.length !== 1) throw new Error(USAGE);
  const config = validateConfig(RebuildConfig, { ...process.env, DATABASE_URL: cliDatabaseUrl() });
  const workers = positiveInt(values.workers, 'workers');
  const pool = createPool(config.DATABASE_URL, workers + 2, 'projector-rebuild');
  try {
    const report = await new ReadModelRebuild(pool).run({
      schema: config.READ_MODEL_SCHEMA,
      workers,
      pageSize: positiveInt(values['page-size'], 'page-size'),
      keepOld: values['keep-old'],
      log: (line) => console.error(`[rebuild] ${line}`),
    });
    console.log(
      values.json
        ? JSON.stringify(report)
        : `rebuilt ${report.schema}: ${report.events} events, ${report.tickets} tickets, ` +
            `${report.eventsPerSecond} events/s; swap held the projector back ${report.swapMilliseconds} ms`,
    );
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
