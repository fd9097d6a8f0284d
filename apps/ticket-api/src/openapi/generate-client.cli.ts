import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { CLIENT_OPENAPI_FILE, clientOpenApiFile } from './client-schema';

/** Writes libs/client/openapi.json; with --check, fails when the committed one differs (npm test runs that). */
async function main(check: boolean): Promise<void> {
  const description = await clientOpenApiFile();
  if (!check) {
    writeFileSync(CLIENT_OPENAPI_FILE, description);
    console.log(`wrote ${CLIENT_OPENAPI_FILE}`);
    return;
  }
  if (readFileSync(CLIENT_OPENAPI_FILE, 'utf8') !== description) {
    console.error(
      `${CLIENT_OPENAPI_FILE} is not what the API describes: run npm run client:generate and commit it`,
    );
    process.exit(1);
  }
  console.log('libs/client/openapi.json matches /api/openapi.json');
}

main(process.argv.includes('--check')).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
