import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DatabaseConfig } from '@app/platform/config/common.config';
import { validateConfig } from '@app/platform/config/validate-config';
import { createPool } from '@app/platform/db/database';
import { DEAD_LETTERS_USAGE, deadLettersCommand } from './dead-letters/dead-letters.command';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';
import { cliDatabaseUrl } from '@app/platform/db/local-stack';
import { ticketPersonalData } from '@app/ticket-store';
import { ReadModelRebuild } from './rebuild/read-model-rebuild';

const USAGE = `usage:
  projector rebuild [--workers <n>] [--page-size <n>] [--keep-old] [--json]
${DEAD_LETTERS_USAGE}

  Rebuilds every read model from the event store into fresh tables while the current ones keep serving,
  verifies them against the store and swaps them in. DATABASE_URL names the database (default: the one
  \`npm start\` runs); READ_MODEL_SCHEMA (default read_model) names the schema to replace.

  dead-letters lists the events a projector (consumer group, default ticket-projector) set aside, and
  projects them again once the cause is fixed: an applied one leaves the table (same database default).`;

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
      all: { type: 'boolean', default: false },
      group: { type: 'string', default: process.env.PROJECTOR_GROUP_ID ?? 'ticket-projector' },
    },
  });
  if (positionals[0] === 'dead-letters') return deadLetters(positionals, values);
  if (positionals[0] !== 'rebuild' || positionals.length !== 1) throw new Error(USAGE);
  const config = validateConfig(RebuildConfig, { ...process.env, DATABASE_URL: cliDatabaseUrl() });
  const workers = positiveInt(values.workers, 'workers');
  const pool = createPool(config.DATABASE_URL, workers + 2, 'projector-rebuild');
  try {
    const report = await new ReadModelRebuild(pool, ticketPersonalData(pool, config)).run({
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

async function deadLetters(
  positionals: string[],
  values: { all: boolean; group: string },
): Promise<void> {
  if (positionals.length > 3) throw new Error(USAGE);
  const config = validateConfig(DatabaseConfig, { ...process.env, DATABASE_URL: cliDatabaseUrl() });
  const pool = createPool(config.DATABASE_URL, 2, 'projector-cli');
  try {
    const { output, ok } = await deadLettersCommand(pool, ticketPersonalData(pool, config), {
      action: positionals[1],
      id: positionals[2],
      all: values.all,
      group: values.group,
      topic: process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events',
    });
    console.log(output);
    if (!ok) process.exitCode = 1;
  } finally {
    await pool.end();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
