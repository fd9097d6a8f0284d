import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';

const CLIENT = join(__dirname, '..');
const DESCRIPTION = join(CLIENT, 'openapi.json');
const TYPES = join(CLIENT, 'src/api.schema.ts');
const BANNER =
  '// Generated from libs/client/openapi.json at build time; do not edit, do not commit.\n';

/** libs/client's types, derived from the committed API description (the build runs this first). */
async function main(): Promise<void> {
  const description = JSON.parse(readFileSync(DESCRIPTION, 'utf8')) as Parameters<
    typeof openapiTS
  >[0];
  const options = await resolveConfig(TYPES);
  const source = BANNER + astToString(await openapiTS(description));
  writeFileSync(TYPES, await format(source, { ...options, parser: 'typescript' }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
