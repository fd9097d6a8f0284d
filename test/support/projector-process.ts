import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

export interface ProjectorProcessOptions {
  /** The repository root: the compiled projector is dist/apps/projector/src/main.js under it. */
  readonly root: string;
  /** DATABASE_URL, KAFKA_BROKERS and whatever else the services get. */
  readonly env: Record<string, string | undefined>;
  readonly groupId: string;
  readonly schema: string;
  readonly logFile: string;
  readonly extraEnv?: Record<string, string>;
}

export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/** A projector of its own (consumer group and read model schema), for tests that kill or block one. */
export class ProjectorProcess {
  private constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  static async start(options: ProjectorProcessOptions): Promise<ProjectorProcess> {
    const port = await freePort();
    mkdirSync(dirname(options.logFile), { recursive: true });
    const log = createWriteStream(options.logFile, { flags: 'a' });
    const child = spawn(process.execPath, [join(options.root, 'dist/apps/projector/src/main.js')], {
      cwd: options.root,
      env: {
        ...options.env,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        PROJECTOR_GROUP_ID: options.groupId,
        READ_MODEL_SCHEMA: options.schema,
        PROJECTOR_SESSION_TIMEOUT_MS: '6000',
        PROJECTOR_RETRY_DELAY_MS: '200',
        ...options.extraEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
    const projector = new ProjectorProcess(port, child);
    await projector.waitHealthy();
    return projector;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async health(): Promise<ProjectorHealth> {
    const response = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(5_000) });
    return (await response.json()) as ProjectorHealth;
  }

  /** The value of a metric line, e.g. metric('projector_events_total{result="duplicate"}'); 0 when absent. */
  async metric(series: string): Promise<number> {
    const response = await fetch(`${this.url}/metrics`, { signal: AbortSignal.timeout(5_000) });
    const line = (await response.text()).split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  }

  async waitHealthy(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.child.exitCode !== null) throw new Error('projector exited during start-up');
      const ok = await fetch(`${this.url}/health`, { signal: AbortSignal.timeout(2_000) })
        .then((r) => r.ok)
        .catch(() => false);
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`projector on :${this.port} not healthy`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** Sends the signal and waits for the process to be gone. */
  async kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

export interface ProjectorHealth {
  status: 'up' | 'down';
  groupId: string;
  readModelSchema: string;
  lag: {
    eventsBehind: number;
    secondsBehind: number;
    partitions: { partition: number; eventsBehind: number; secondsBehind: number }[];
  };
  lastAppliedAt: string | null;
  deadLetters: number;
}
