import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import {
  attachmentEvents,
  attachmentPath,
  download,
  retryWhileBusy,
  upload,
} from '../support/attachments';
import { api } from '../support/http';
import { httpBytes, rawRequest } from '../support/raw-http';
import type { RawResponse } from '../support/raw-http';
import { openTicket } from '../support/tickets';

const PROBLEM = /^application\/problem\+json/;
const NESTED = Buffer.from(`{"message":"hi","x":${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
const NOT_UTF8 = Buffer.concat([
  Buffer.from('{"message":"'),
  Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
  Buffer.from('"}'),
]);
const OVERSIZED = Buffer.from(JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) }));

const expectClearRefusal = (response: RawResponse | { status: number; headers: Headers }) => {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  const type =
    response.headers instanceof Headers
      ? response.headers.get('content-type')
      : response.headers['content-type'];
  expect(type).toMatch(PROBLEM);
};

describe('hostile input gets a clear 4xx problem+json and changes nothing', () => {
  let accountId: string;
  let key: string;
  let ticketId: number;
  const jsonRoutes = () => [
    `/api/Ticket?accountId=${accountId}`,
    `/api/Ticket/${ticketId}/message?accountId=${accountId}`,
    `/api/Ticket/${ticketId}/status?accountId=${accountId}`,
    `/api/Ticket/${ticketId}/close?accountId=${accountId}`,
    `/api/Ticket/${ticketId}/resolve?accountId=${accountId}`,
  ];
  const post = (path: string, body: Buffer, headers: string[] = []) =>
    rawRequest(
      httpBytes(
        'POST',
        path,
        [`X-API-Key: ${key}`, 'Content-Type: application/json', ...headers],
        body,
      ),
    );
  const eventsOfAccount = async (): Promise<number> =>
    Number(
      (
        await testPool().query<{ n: string }>(
          `SELECT count(*) AS n FROM events e JOIN events o ON o.stream_id = e.stream_id
             AND o.stream_version = 1 WHERE o.data->>'accountId' = $1`,
          [accountId],
        )
      ).rows[0].n,
    );

  beforeAll(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
    ticketId = await openTicket(key, accountId);
  });
  afterAll(closeTestPool);

  it.each([
    ['oversized', OVERSIZED, 413],
    ['nested 100,000 deep in an unknown field', NESTED, 400],
    ['not UTF-8', NOT_UTF8, 400],
  ])('a body %s on every JSON route', async (_name, body, status) => {
    const before = await eventsOfAccount();
    for (const path of jsonRoutes()) {
      const response = await post(path, body);
      expectClearRefusal(response);
      expect([path, response.status]).toEqual([path, status]);
    }
    expect(await eventsOfAccount()).toBe(before);
  });

  it.each([
    ['an array', '[]'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['numbers for text', '{"subject":1,"description":2,"topic":3,"message":4,"status":5}'],
    ['an object for text', '{"message":{"text":"hi"}}'],
  ])('a body that is %s, on every route that takes one', async (_name, body) => {
    const before = await eventsOfAccount();
    for (const path of jsonRoutes().slice(0, 3)) {
      const response = await post(path, Buffer.from(body));
      expectClearRefusal(response);
      expect([path, response.status]).toEqual([path, 400]);
    }
    expect(await eventsOfAccount()).toBe(before);
  });

  it('an upload with a wrong-typed messageId, nested or oversized parts', async () => {
    const before = await eventsOfAccount();
    const wrongType = new FormData();
    wrongType.append('file', new Blob(['hello']), 'a.txt');
    wrongType.append('messageId', '[[[[1]]]]');
    const path = attachmentPath(ticketId, accountId);
    const refused = await retryWhileBusy(() => api('POST', path, { key, rawBody: wrongType }));
    expectClearRefusal(refused);
    expect(refused.status).toBe(400);
    const asJson = await api('POST', path, { key, rawBody: NESTED.toString() });
    expectClearRefusal(asJson);
    const oversized = new FormData();
    oversized.append('file', new Blob([Buffer.alloc(12 * 1024 * 1024)]), 'big.bin');
    const tooBig = await api('POST', path, { key, rawBody: oversized });
    expectClearRefusal(tooBig);
    expect(await attachmentEvents(ticketId)).toBe(0);
    expect(await eventsOfAccount()).toBe(before);
  });

  it('CR or LF in an Idempotency-Key: bare CR, folded onto a second line, or encoded', async () => {
    const before = await eventsOfAccount();
    const body = Buffer.from('{"message":"hi"}');
    const path = jsonRoutes()[1];
    // (a bare LF ends the header line, RFC 9112 2.2: that is two headers, nothing inside the key)
    for (const header of [
      'Idempotency-Key: abc\rX-Injected: 1',
      'Idempotency-Key: abc\r\n X-Injected: 1',
      'Idempotency-Key: abc%0d%0aX-Injected:%201\u00e9',
    ]) {
      const response = await post(path, body, [header]);
      expectClearRefusal(response);
      expect([header, response.status]).toEqual([header, 400]);
      expect(response.headers['x-injected']).toBeUndefined();
    }
    expect(await eventsOfAccount()).toBe(before);
  });

  it('CR or LF inside a file name, bare or encoded as RFC 5987', async () => {
    const path = attachmentPath(ticketId, accountId);
    // (a raw CRLF ends the part's header line: the name is cut there, as the next test shows)
    for (const disposition of [
      'form-data; name="file"; filename="evil\rX-Injected: 1.txt"',
      'form-data; name="file"; filename="evil\nX-Injected: 1.txt"',
      'form-data; name="file"; filename*=UTF-8\'\'evil%0D%0AX-Injected%3A%201.txt',
    ]) {
      const boundary = 'hostileboundary';
      const body = Buffer.from(
        `--${boundary}\r\nContent-Disposition: ${disposition}\r\n` +
          `Content-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
        'latin1',
      );
      const response = await retryWhileBusy(() =>
        rawRequest(
          httpBytes(
            'POST',
            path,
            [`X-API-Key: ${key}`, `Content-Type: multipart/form-data; boundary=${boundary}`],
            body,
          ),
        ).then((r) => ({ ...r, body: r.body })),
      );
      expectClearRefusal(response);
      expect([disposition, response.status]).toEqual([disposition, 400]);
      expect(response.headers['x-injected']).toBeUndefined();
    }
    expect(await attachmentEvents(ticketId)).toBe(0);
  });

  it('a raw CRLF in a file name ends its header line: the name is cut there and nothing after it is kept', async () => {
    const boundary = 'hostileboundary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evil\r\n` +
        `X-Injected: 1.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n--${boundary}--\r\n`,
      'latin1',
    );
    const path = attachmentPath(ticketId, accountId);
    const stored = await retryWhileBusy(() =>
      rawRequest(
        httpBytes(
          'POST',
          path,
          [`X-API-Key: ${key}`, `Content-Type: multipart/form-data; boundary=${boundary}`],
          body,
        ),
      ),
    );
    expect(stored.status).toBe(201);
    expect(stored.body.fileName).toBe('evil');
    const fetched = await download(key, accountId, ticketId, stored.body.id);
    expect(fetched.headers.get('x-injected')).toBeNull();
    expect(fetched.headers.get('content-disposition')).toBe(
      `attachment; filename="evil"; filename*=UTF-8''evil`,
    );
  });

  it('a file name of 255 emoji is stored cut to 255 bytes of UTF-8, not a 500', async () => {
    const uploaded = await retryWhileBusy(() =>
      upload(key, accountId, ticketId, Buffer.from('hello'), { fileName: '😀'.repeat(255) }),
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.body.fileName).toBe('😀'.repeat(63));
    const fetched = await download(key, accountId, ticketId, uploaded.body.id);
    expect(fetched.status).toBe(200);
  });
});
