import { randomUUID } from 'node:crypto';
import { TICKET_LIMITS, ticketStreamId } from '@app/domain';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { randomFile, upload } from '../support/attachments';
import { api, eventually } from '../support/http';
import type { ApiResponse } from '../support/http';
import { openTicket } from '../support/tickets';

const expectProblem = (response: ApiResponse, status: number, code: string) => {
  expect({ status: response.status, code: response.body?.code }).toEqual({ status, code });
  expect(response.headers.get('content-type')).toContain('application/problem+json');
};

const eventTypes = async (ticketId: number): Promise<string[]> =>
  (
    await testPool().query<{ event_type: string }>(
      'SELECT event_type FROM events WHERE stream_id = $1 ORDER BY stream_version',
      [ticketStreamId(ticketId)],
    )
  ).rows.map((r) => r.event_type);

/**
 * Adds attachments to a ticket straight in the event store, past the outbox (the projector never sees them),
 * so a test reaches the limit without a thousand uploads. Their ids come from the sequence, as real ones do, so
 * a rebuild of the read models projects and verifies them like any others. The message limit is the decider's unit tests' (its
 * 5,000 events would slow every rebuild of the shared test database).
 */
async function addAttachmentEvents(ticketId: number, accountId: string, count: number) {
  await testPool().query(
    `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
     SELECT $2, 1 + n, 'AttachmentAdded', 1,
       jsonb_build_object('ticketId', $1::int, 'attachmentId', nextval('attachment_id_seq'),
         'messageId', null,
         'fileName', 'f.bin', 'contentType', 'application/octet-stream', 'size', 1,
         'sha256', repeat('a', 64), 'objectKey', 'none', 'uploadedBy', 'customer'),
       jsonb_build_object('actor', jsonb_build_object('role', 'customer', 'accountId', $3::text,
         'apiKeyId', 'filler'), 'occurredAt', now(), 'correlationId', 'filler'), now()
     FROM generate_series(1, $4::int) AS n`,
    [ticketId, ticketStreamId(ticketId), accountId, count],
  );
}

describe('limits per ticket', () => {
  let accountId: string;
  let key: string;

  beforeAll(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  it('a ticket with 1,000 attachments refuses an upload with 409 ATTACHMENT_LIMIT_REACHED and appends nothing', async () => {
    const ticketId = await openTicket(key, accountId);
    await addAttachmentEvents(ticketId, accountId, TICKET_LIMITS.attachments);

    const response = await upload(key, accountId, ticketId, randomFile(1024));

    expectProblem(response, 409, 'ATTACHMENT_LIMIT_REACHED');
    expect(response.body.detail).toBe(
      'Ticket has reached its limit of 1,000 attachments; open a new ticket to continue.',
    );
    expect(await eventTypes(ticketId)).toHaveLength(1 + TICKET_LIMITS.attachments);
  });
});

describe('minVersion answers from the event store when the ticket is not there', () => {
  let accountId: string;
  let key: string;

  beforeAll(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  it('a ticket that does not exist is 404 TICKET_NOT_FOUND, not 503 READ_MODEL_BEHIND', async () => {
    const response = await api('GET', `/api/Ticket/999999999?accountId=${accountId}&minVersion=1`, {
      key,
    });

    expectProblem(response, 404, 'TICKET_NOT_FOUND');
  });

  it("another account's ticket is 404 TICKET_NOT_FOUND, not 503 READ_MODEL_BEHIND", async () => {
    const otherAccount = newAccountId();
    const ticketId = await openTicket(await customerKey(otherAccount), otherAccount);

    const response = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=1`,
      {
        key,
      },
    );

    expectProblem(response, 404, 'TICKET_NOT_FOUND');
  });

  it('its own ticket at the version it asked for is 200', async () => {
    const ticketId = await openTicket(key, accountId);

    const response = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=1`,
      {
        key,
      },
    );

    expect({ status: response.status, version: response.body.version }).toEqual({
      status: 200,
      version: 1,
    });
  });

  it.each(['0', '-1', '1.5'])('minVersion=%s is 400 VALIDATION_FAILED', async (minVersion) => {
    const ticketId = await openTicket(key, accountId);

    const response = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=${minVersion}`,
      { key },
    );

    expectProblem(response, 400, 'VALIDATION_FAILED');
  });
});

describe('Idempotency-Key when its record cannot be written', () => {
  const FAILING_PREFIX = 'record-write-fails-';
  let accountId: string;
  let key: string;

  beforeAll(async () => {
    accountId = newAccountId();
    key = await customerKey(accountId);
    // a fault seam for this test only: completing a key with this prefix fails, as a lost database would
    await testPool().query(`
      CREATE OR REPLACE FUNCTION test_fail_idempotency_record() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected: the idempotency record cannot be written'; END; $$;
      DROP TRIGGER IF EXISTS test_fail_idempotency_record ON idempotency_keys;
      CREATE TRIGGER test_fail_idempotency_record BEFORE UPDATE ON idempotency_keys FOR EACH ROW
        WHEN (NEW.state = 'completed' AND starts_with(NEW.idempotency_key, '${FAILING_PREFIX}'))
        EXECUTE FUNCTION test_fail_idempotency_record();`);
  });
  afterAll(async () => {
    await testPool().query(`
      DROP TRIGGER IF EXISTS test_fail_idempotency_record ON idempotency_keys;
      DROP FUNCTION IF EXISTS test_fail_idempotency_record();`);
    await closeTestPool();
  });

  it('the reply is added once: the key stays claimed, so a retry with it appends nothing', async () => {
    const ticketId = await openTicket(key, accountId);
    const idempotencyKey = FAILING_PREFIX + randomUUID();
    const send = () =>
      api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
        key,
        body: { message: 'Sent once, retried.' },
        headers: { 'idempotency-key': idempotencyKey },
      });

    const first = await send();
    const retry = await send();

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ticketId,
      message: 'Sent once, retried.',
      ticketVersion: 2,
    });
    expectProblem(retry, 409, 'IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(await eventTypes(ticketId)).toEqual(['TicketOpened', 'MessageAdded']);
  });

  it('once the record can be written again, it is, and a retry replays the first response', async () => {
    const ticketId = await openTicket(key, accountId);
    const idempotencyKey = FAILING_PREFIX + randomUUID();
    const send = () =>
      api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
        key,
        body: { message: 'Recorded late.' },
        headers: { 'idempotency-key': idempotencyKey },
      });
    const first = await send();
    expect(first.status).toBe(201);

    await testPool().query('DROP TRIGGER test_fail_idempotency_record ON idempotency_keys');
    const retry = await eventually(send, (r) => r.status !== 409, 20_000);

    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(await eventTypes(ticketId)).toEqual(['TicketOpened', 'MessageAdded']);
  });
});
