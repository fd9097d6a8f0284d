import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { startService, stopProcess } from '../setup/services';
import type { ServiceName } from '../setup/services';
import { fullyReady, waitFor } from '../setup/wait-for';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { download } from '../support/attachments';
import { endpoints } from '../support/endpoints';
import { api } from '../support/http';
import { previousRelease } from '../support/previous-release';
import type { Release } from '../support/previous-release';
import { freePort } from '../support/projector-process';
import { aTicketRequest } from '../support/tickets';

interface Answer {
  status: number;
  body: any;
}

/** One request straight to a service of the previous release (it has no gateway of its own here). */
async function direct(
  port: number,
  method: string,
  path: string,
  key: string,
  body?: unknown,
): Promise<Answer> {
  const form = body instanceof FormData;
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      'x-api-key': key,
      ...(body !== undefined && !form ? { 'content-type': 'application/json' } : {}),
    },
    body: form ? body : body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const OLD: ServiceName[] = ['ticket-api', 'attachment-service', 'projector'];

describe('a rolling upgrade: the previous release runs beside this one on the schema this one migrated', () => {
  let release: Release;
  const ports = new Map<ServiceName, number>();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    release = previousRelease();
    for (const name of OLD) {
      const port = await freePort();
      ports.set(name, port);
      children.push(startService(name, endpoints(), { PORT: String(port) }, release.root));
    }
    for (const [name, port] of ports) {
      await waitFor(
        `previous ${name} on :${port}`,
        fullyReady(`http://127.0.0.1:${port}/readyz`),
        60_000,
      );
    }
  }, 900_000);

  afterAll(async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
    await closeTestPool();
  });

  it('a journey alternates between the two releases, and each serves what the other wrote', async () => {
    const accountId = newAccountId();
    const customer = await customerKey(accountId);
    const staff = await staffKey();
    const oldApi = ports.get('ticket-api')!;
    const q = `?accountId=${accountId}`;

    const opened = await direct(oldApi, 'POST', `/api/Ticket${q}`, customer, aTicketRequest());
    expect(opened.status).toBe(201);
    const id = opened.body.id as number;

    const reply = await api('POST', `/api/Ticket/${id}/message${q}`, {
      key: customer,
      body: { message: 'New build.' },
    });
    expect(reply.status).toBe(201);
    const staffReply = await direct(oldApi, 'POST', `/api/Ticket/${id}/message${q}`, staff, {
      message: 'Old build.',
    });
    expect(staffReply.status).toBe(201);

    const file = randomBytes(64 * 1024);
    const form = new FormData();
    form.append('file', new Blob([file]), 'upgrade.bin');
    const uploaded = await direct(
      ports.get('attachment-service')!,
      'POST',
      `/api/Ticket/${id}/attachment${q}`,
      customer,
      form,
    );
    expect(uploaded.status).toBe(201);
    const fetched = await download(customer, accountId, id, uploaded.body.id as number);
    expect(fetched.status).toBe(200);
    expect(fetched.body.equals(file)).toBe(true);

    expect((await api('POST', `/api/Ticket/${id}/resolve${q}`, { key: staff })).status).toBe(200);
    const reopened = await direct(oldApi, 'POST', `/api/Ticket/${id}/message${q}`, customer, {
      message: 'Again.',
    });
    expect(reopened.status).toBe(201);
    const closed = await direct(oldApi, 'POST', `/api/Ticket/${id}/close${q}`, customer);
    expect(closed.status).toBe(200);
    const version = closed.body.version as number;

    const viaNew = await api('GET', `/api/Ticket/${id}${q}&minVersion=${version}`, {
      key: customer,
    });
    const viaOld = await direct(
      oldApi,
      'GET',
      `/api/Ticket/${id}${q}&minVersion=${version}`,
      customer,
    );
    const summary = (ticket: any) => ({
      status: ticket.status,
      version: ticket.version,
      messages: ticket.messages.map((m: any) => [m.message, m.authorType]),
      attachments: ticket.attachments.map((a: any) => a.id),
    });
    expect(viaNew.status).toBe(200);
    expect(viaOld.status).toBe(200);
    expect(summary(viaOld.body)).toEqual(summary(viaNew.body));
    expect(summary(viaNew.body)).toEqual({
      status: 'Closed',
      version,
      messages: [
        ['New build.', 'customer'],
        ['Old build.', 'staff'],
        ['Again.', 'customer'],
      ],
      attachments: [uploaded.body.id],
    });
  }, 120_000);
});
