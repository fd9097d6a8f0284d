// npm run chaos -- [--seed N] [--minutes M]: a seeded, bounded random-fault campaign against the real stack.
import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { ROOT, testProfile } from '../../test/setup/endpoints';
import { runCampaign } from './campaign';
import { report } from './report';

const MAX_MINUTES = 60;

function args(argv: string[]): { seed: number; minutes: number } {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const seed = Number(value('seed') ?? Math.floor(Math.random() * 1_000_000));
  const minutes = Number(value('minutes') ?? 2);
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed takes a whole number');
  if (!(minutes > 0 && minutes <= MAX_MINUTES))
    throw new Error(`--minutes takes 0 < M <= ${MAX_MINUTES}`);
  return { seed, minutes };
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function main(): Promise<number> {
  const { seed, minutes } = args(process.argv.slice(2));
  const profile = testProfile();
  const sh = (...command: string[]) =>
    execFileSync('bash', command, {
      cwd: ROOT,
      env: { ...process.env, STACK: 'test' },
      stdio: 'inherit',
    });
  const infraWasUp = await portOpen(Number(new URL(profile.DATABASE_URL).port));
  sh('scripts/infra/install.sh', 'postgres', 'kafka', 'minio', 'nginx');
  sh('scripts/infra/start.sh', 'postgres', 'kafka', 'minio');
  try {
    const result = await runCampaign({ seed, minutes, profile });
    process.stdout.write(`${report(result)}\n`);
    return result.lost === 0 && result.checks.every((c) => c.ok) ? 0 : 1;
  } finally {
    if (!infraWasUp) sh('scripts/infra/stop.sh');
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
