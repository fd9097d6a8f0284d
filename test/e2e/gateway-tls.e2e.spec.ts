import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { endpoints } from '../support/endpoints';

interface Answer {
  status: number;
  hsts: string | undefined;
}

const HSTS = 'max-age=63072000; includeSubDomains';

/** One GET of the gateway's /health over HTTPS, trusting the test profile's own certificate. */
function overTls(path: string): Promise<Answer> {
  const { GATEWAY_TLS_PORT, GATEWAY_TLS_CERT } = endpoints();
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port: Number(GATEWAY_TLS_PORT),
        path,
        ca: readFileSync(GATEWAY_TLS_CERT),
      },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** One plain-HTTP GET from a chosen loopback address, as a proxy in front of the gateway would send it. */
function overHttp(
  path: string,
  from: string,
  headers: Record<string, string> = {},
): Promise<Answer> {
  const port = Number(new URL(endpoints().GATEWAY_URL).port);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path, localAddress: from, headers },
      (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, hsts: res.headers['strict-transport-security'] });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the gateway over TLS', () => {
  it('serves HTTPS with the mounted certificate and sends HSTS on it, on proxied and own answers', async () => {
    expect(await overTls('/health')).toEqual({ status: 200, hsts: HSTS });
    expect(await overTls('/api/Ticket?accountId=1')).toEqual({ status: 401, hsts: HSTS });
    expect(await overTls('/')).toEqual({ status: 200, hsts: HSTS });
  });

  it('sends no HSTS over plain HTTP', async () => {
    expect(await overHttp('/health', '127.0.0.1')).toEqual({ status: 200, hsts: undefined });
  });

  it('believes X-Forwarded-Proto only from a configured proxy', async () => {
    const proto = { 'X-Forwarded-Proto': 'https' };
    expect(await overHttp('/health', '127.0.0.1', proto)).toEqual({ status: 200, hsts: undefined });
    expect(await overHttp('/health', '127.0.0.2', proto)).toEqual({ status: 200, hsts: HSTS });
    expect(await overHttp('/health', '127.0.0.2', { 'X-Forwarded-Proto': 'http' })).toEqual({
      status: 200,
      hsts: undefined,
    });
  });
});
