import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../setup/endpoints';
import { serverVersions } from '../setup/versions';

export interface Release {
  readonly commit: string;
  readonly root: string;
}

const run = (command: string, args: string[], cwd: string): void => {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], timeout: 900_000 });
};

/**
 * The previous release (versions.env PREVIOUS_RELEASE) checked out as a git worktree under .local/upgrade and
 * built with its own package.json, once: its dependencies come from the npm cache the current build filled.
 */
export function previousRelease(): Release {
  const commit = serverVersions().PREVIOUS_RELEASE;
  if (!commit) throw new Error('versions.env names no PREVIOUS_RELEASE');
  const root = join(ROOT, '.local/upgrade', commit.slice(0, 12));
  if (!existsSync(join(root, 'package.json'))) {
    run('git', ['worktree', 'prune'], ROOT);
    run('git', ['worktree', 'add', '--force', '--detach', root, commit], ROOT);
  }
  if (!existsSync(join(root, 'dist/apps/ticket-api/src/main.js'))) {
    run('npm', ['ci', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], root);
    run('npm', ['run', '--silent', 'build'], root);
  }
  return { commit, root };
}
