import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoints } from '../setup/endpoints';

let cached: Endpoints | undefined;

/** The endpoints the global setup resolved (written to .local/run/test/endpoints.json). */
export function endpoints(): Endpoints {
  cached ??= JSON.parse(
    readFileSync(join(__dirname, '../../.local/run/test/endpoints.json'), 'utf8'),
  ) as Endpoints;
  return cached;
}
