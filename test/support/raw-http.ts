import { connect } from 'node:net';
import { endpoints } from './endpoints';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: any;
}

/**
 * Sends bytes as they are to the gateway (no client library would send a CR inside a header) and reads the
 * answer until the gateway closes the connection.
 */
export function rawRequest(request: Buffer, timeoutMs = 15_000): Promise<RawResponse> {
  const gateway = new URL(endpoints().GATEWAY_URL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(gateway.port), gateway.hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error('no answer in time')));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const sent = rest.join('\r\n\r\n');
      const raw = headers['transfer-encoding'] === 'chunked' ? unchunk(sent) : sent;
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // not JSON: the test sees the text
      }
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
    socket.write(request);
  });
}

/** An HTTP/1.1 request with Connection: close, its header lines and body written as given. */
export const httpBytes = (
  method: string,
  path: string,
  headerLines: string[],
  body: Buffer = Buffer.alloc(0),
): Buffer =>
  Buffer.concat([
    Buffer.from(
      [
        `${method} ${path} HTTP/1.1`,
        `Host: 127.0.0.1`,
        'Connection: close',
        `Content-Length: ${body.length}`,
        ...headerLines,
        '',
        '',
      ].join('\r\n'),
      'latin1',
    ),
    body,
  ]);

function unchunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (!size) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
