import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMigrationsDir } from './migrate';

const ROOT = join(__dirname, '../../../..');
const previousRelease = /^PREVIOUS_RELEASE=(\w+)$/m.exec(
  readFileSync(join(ROOT, 'versions.env'), 'utf8'),
)?.[1];

/** Statements that break the release still running during a rolling update (expand/contract: contract later). */
const CONTRACTING = [
  /\bDROP\s+(TABLE|COLUMN|VIEW|FUNCTION|TRIGGER)\b/i,
  /\bRENAME\b/i,
  /\bALTER\s+COLUMN\s+\w+\s+(SET\s+NOT\s+NULL|TYPE)\b/i,
  // a column's definition, up to the next comma or line end
  /\bADD\s+COLUMN\b[^,\n]*\bNOT\s+NULL\b(?![^,\n]*\bDEFAULT\b)/i,
];

const migrationsOf = (commit: string): string[] =>
  execFileSync('git', ['ls-tree', '--name-only', commit, 'db/migrations/'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .map((path) => path.replace('db/migrations/', ''))
    .filter(Boolean);

describe('migrations since the previous release only expand the schema', () => {
  it('versions.env names the previous release', () => {
    expect(previousRelease).toMatch(/^[0-9a-f]{40}$/);
  });

  it('no new up-migration drops, renames or tightens what the previous release reads and writes', () => {
    const released = new Set(migrationsOf(previousRelease!));
    const dir = defaultMigrationsDir();
    const contracting = readdirSync(dir)
      .filter((file) => file.endsWith('.up.sql') && !released.has(file))
      .flatMap((file) =>
        readFileSync(join(dir, file), 'utf8')
          .split(';')
          // a contract step says why the previous release no longer needs what it removes
          .filter((statement) => !statement.includes('-- contract:'))
          .map((statement) => statement.replace(/--[^\n]*/g, ''))
          .filter((statement) => CONTRACTING.some((pattern) => pattern.test(statement)))
          .map((statement) => `${file}: ${statement.trim()}`),
      );
    expect(contracting).toEqual([]);
  });
});
