/** The database of the stack `npm start` runs (scripts/infra/env.sh, STACK=dev; PG_PORT moves it there too). */
export const localStackDatabaseUrl = (env: NodeJS.ProcessEnv = process.env): string =>
  `postgres://tickets:tickets@127.0.0.1:${env.PG_PORT || '55432'}/tickets`;

/** What a command-line tool connects to: DATABASE_URL when set, else the `npm start` stack's database. */
export const cliDatabaseUrl = (env: NodeJS.ProcessEnv = process.env): string =>
  env.DATABASE_URL || localStackDatabaseUrl(env);
