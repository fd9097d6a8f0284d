import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Endpoints } from '../setup/endpoints';

let cached: Endpoints | undefined;

/** The endpoints the global setup resolved: inherited through the environment, else its endpoints.json. */
export function endpoints(): Endpoints {
  if (process.env.GATEWAY_URL && process.env.DATABASE_URL && process.env.TICKET_API_PORT) {
    return process.env as unknown as Endpoints;
  }
  cached ??= JSON.parse(
    readFileSync(join(__dirname, '../../.local/run/test/endpoints.json'), 'utf8'),
  ) as Endpoints;
  return cached;
}
