import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { buildOpenApiDocument } from './openapi.document';

/** The repository's root, from the sources or from dist/. */
function repoRoot(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}

/** The API description libs/client is generated from, committed so that every change to it is reviewed. */
export const CLIENT_OPENAPI_FILE = join(repoRoot(), 'libs/client/openapi.json');

/** The API description as the committed file holds it: the served document, formatted. */
export async function clientOpenApiFile(): Promise<string> {
  const options = await resolveConfig(CLIENT_OPENAPI_FILE);
  return format(JSON.stringify(buildOpenApiDocument()), { ...options, parser: 'json' });
}
