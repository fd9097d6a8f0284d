import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './endpoints';

/** The server versions of versions.env, shared with scripts/infra and docker-compose. */
export function serverVersions(): Record<string, string> {
  const lines = readFileSync(join(ROOT, 'versions.env'), 'utf8').split('\n');
  return Object.fromEntries(
    lines
      .map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((match): match is RegExpExecArray => match !== null)
      .map((match) => [match[1], match[2]]),
  );
}
