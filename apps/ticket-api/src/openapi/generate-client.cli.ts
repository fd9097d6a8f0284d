import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLIENT_SCHEMA_FILE, generateClientSchema } from './client-schema';

/** Writes libs/client's schema; with --check, fails when the committed one differs (npm test runs that). */
async function main(check: boolean): Promise<void> {
  const schema = await generateClientSchema();
  if (!check) {
    writeFileSync(CLIENT_SCHEMA_FILE, schema);
    console.log(`wrote ${CLIENT_SCHEMA_FILE}`);
    return;
  }
  if (readFileSync(CLIENT_SCHEMA_FILE, 'utf8') !== schema) {
    console.error(
      `${CLIENT_SCHEMA_FILE} is not what the API description generates: run npm run client:generate`,
    );
    process.exit(1);
  }
  console.log('libs/client matches /api/openapi.json');
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
