import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from './openapi.document';

/** The repository's root, from the sources or from dist/. */
function repoRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

export const CLIENT_SCHEMA_FILE = join(repoRoot(), 'libs/client/src/api.schema.ts');

const BANNER = '// Generated from /api/openapi.json by `npm run client:generate`; do not edit.\n';

/** The typed client's schema, as openapi-typescript writes it from the API description, formatted. */
export async function generateClientSchema(): Promise<string> {
  const ast = await openapiTS(buildOpenApiDocument() as Parameters<typeof openapiTS>[0]);
  const options = await resolveConfig(CLIENT_SCHEMA_FILE);
  return format(BANNER + astToString(ast), { ...options, parser: 'typescript' });
}
