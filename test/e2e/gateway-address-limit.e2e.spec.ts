import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '../setup/wait-for';
import { endpoints } from '../support/endpoints';

const ROOT = join(__dirname, '../..');
const BURST = 3;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });

/** A second gateway from deploy/nginx/gateway.conf.template, in front of the test stack, with a tight limit. */
async function startThrottledGateway(): Promise<{
  url: string;
  process: ChildProcess;
  dir: string;
}> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'gateway-limit-'));
  chmodSync(dir, 0o755);
  for (const temp of ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) {
    mkdirSync(join(dir, temp));
    chmodSync(join(dir, temp), 0o777);
  }
  const variables = {
    GATEWAY_PORT: `127.0.0.1:${port}`,
    TICKET_API_UPSTREAM: `127.0.0.1:${endpoints().TICKET_API_PORT}`,
    ATTACHMENT_UPSTREAM: `127.0.0.1:${endpoints().ATTACHMENT_PORT}`,
    PANEL_ROOT: join(ROOT, 'dist/panel'),
    GATEWAY_RATE_PER_ADDRESS: '1r/m',
    GATEWAY_BURST_PER_ADDRESS: String(BURST),
    GATEWAY_TRUSTED_PROXIES: '',
  };
  // the one renderer of the gateway's template (the image's entrypoint and scripts/infra use it too)
  const rendered = spawnSync(
    'sh',
    [
      join(ROOT, 'deploy/nginx/render-gateway.sh'),
      join(ROOT, 'deploy/nginx/gateway.conf.template'),
      join(dir, 'gateway.conf'),
    ],
    { env: { ...process.env, ...variables, GATEWAY_TLS_CERT: '' }, encoding: 'utf8' },
  );
  if (rendered.status !== 0) throw new Error(`render-gateway failed: ${rendered.stderr}`);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 64; }
http {
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  access_log off;
  include ${dir}/gateway.conf;
}
`,
  );
  const nginx = spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], {
    stdio: 'ignore',
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(
    'the throttled gateway answering /health',
    async () => (await fetch(`${url}/health`).catch(() => undefined))?.status === 200,
    15_000,
    50,
  );
  return { url, process: nginx, dir };
}

const describeLocal = spawnSync('nginx', ['-v']).status === 0 ? describe : describe.skip;

describeLocal('the gateway limits requests per client address', () => {
  let gateway: Awaited<ReturnType<typeof startThrottledGateway>>;

  beforeAll(async () => {
    gateway = await startThrottledGateway();
  });
  afterAll(() => {
    gateway?.process.kill('SIGQUIT');
    if (gateway) rmSync(gateway.dir, { recursive: true, force: true });
  });

  it('answers 429 problem+json with Retry-After past the burst, before the request reaches a service; X-Forwarded-For from an untrusted peer does not escape it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= BURST; i++) {
      statuses.push(
        (await fetch(`${gateway.url}/api/me`, { headers: { 'x-api-key': 'pdm_nope' } })).status,
      );
    }
    const refused = await fetch(`${gateway.url}/api/me`, {
      headers: { 'x-api-key': 'pdm_nope', 'x-forwarded-for': '203.0.113.7' },
    });

    expect(statuses).toEqual(Array.from({ length: BURST + 1 }, () => 401));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect((await fetch(`${gateway.url}/health`)).status).toBe(200);
  });
});
