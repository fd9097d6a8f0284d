// The seed's journey through the compose gateway with the typed client (scripts/checks/compose/check.sh):
//   journey.ts drive  <gateway> <customer key> <staff key> <account> <state file>
//   journey.ts verify <gateway> <customer key> <state file>       (after a restart: the data survived)
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createTicketsClient } from '@app/client';
import type { TicketsClient } from '@app/client';

interface State {
  accountId: string;
  ticketId: number;
  attachmentId: number;
  sha256: string;
  version: number;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function expect(what: string, ok: boolean, detail?: unknown): void {
  if (!ok) throw new Error(`${what}: ${JSON.stringify(detail)}`);
  console.log(`[journey] ok: ${what}`);
}

async function detail(
  client: TicketsClient,
  state: Pick<State, 'accountId' | 'ticketId'>,
  minVersion: number,
) {
  const { data, error } = await client.GET('/api/Ticket/{id}', {
    params: { path: { id: state.ticketId }, query: { accountId: state.accountId, minVersion } },
  });
  if (!data) throw new Error(`GET ticket: ${JSON.stringify(error)}`);
  return data;
}

async function download(client: TicketsClient, state: State): Promise<Uint8Array> {
  const { data, response } = await client.GET('/api/Ticket/{id}/attachment/{attachmentId}', {
    params: {
      path: { id: state.ticketId, attachmentId: state.attachmentId },
      query: { accountId: state.accountId },
    },
    parseAs: 'arrayBuffer',
  });
  if (!data) throw new Error(`download: ${response.status}`);
  return new Uint8Array(data);
}

async function drive(
  gateway: string,
  customerKey: string,
  staffKey: string,
  accountId: string,
  stateFile: string,
) {
  const customer = createTicketsClient(gateway, customerKey);
  const staff = createTicketsClient(gateway, staffKey);
  const query = { accountId };

  const opened = await customer.POST('/api/Ticket', {
    params: { query },
    body: { subject: 'Payments fail', description: 'Since this morning', topic: 'Billing' },
  });
  expect(
    'the customer opens a ticket (201 Open)',
    opened.response.status === 201 && opened.data?.status === 'Open',
    opened.error,
  );
  const ticketId = opened.data!.id;
  const at = { path: { id: ticketId }, query };

  const file = randomBytes(256 * 1024 + 7);
  const uploaded = await customer.POST('/api/Ticket/{id}/attachment', {
    params: at,
    body: { file: 'invoice.pdf' },
    bodySerializer: () => {
      const form = new FormData();
      form.append('file', new Blob([file], { type: 'application/pdf' }), 'invoice.pdf');
      return form;
    },
  });
  expect('the customer uploads a file (201)', uploaded.response.status === 201, uploaded.error);
  const attachmentId = uploaded.data!.id;

  const reply = await customer.POST('/api/Ticket/{id}/message', {
    params: at,
    body: { message: 'Still failing.' },
  });
  expect('the customer replies, labeled You', reply.data?.authorLabel === 'You', reply.error);
  const staffReply = await staff.POST('/api/Ticket/{id}/message', {
    params: at,
    body: { message: 'Looking into it.' },
  });
  expect(
    'staff replies, labeled Support Team',
    staffReply.data?.authorLabel === 'Support Team',
    staffReply.error,
  );

  const resolved = await staff.POST('/api/Ticket/{id}/resolve', { params: at });
  expect('staff resolves the ticket', resolved.data?.status === 'Resolved', resolved.error);
  const reopening = await customer.POST('/api/Ticket/{id}/message', {
    params: at,
    body: { message: 'It broke again.' },
  });
  expect(
    'a customer reply to a Resolved ticket is accepted',
    reopening.response.status === 201,
    reopening.error,
  );
  const reopened = await detail(customer, { accountId, ticketId }, reopening.data!.ticketVersion);
  expect(
    '... and reopens it (Open, resolvedAt null)',
    reopened.status === 'Open' && reopened.resolvedAt === null,
    reopened,
  );
  expect(
    'the thread reads You, Support Team, You',
    reopened.messages.map((m) => m.authorLabel).join() === 'You,Support Team,You',
    reopened.messages,
  );

  const state: State = { accountId, ticketId, attachmentId, sha256: sha256(file), version: 0 };
  const bytes = await download(customer, state);
  expect(
    'the file downloads byte for byte',
    bytes.length === file.length && sha256(bytes) === state.sha256,
    bytes.length,
  );

  const closed = await customer.POST('/api/Ticket/{id}/close', { params: at });
  expect('the customer closes the ticket', closed.data?.status === 'Closed', closed.error);
  state.version = closed.data!.version;
  writeFileSync(stateFile, JSON.stringify(state));
}

async function verify(gateway: string, customerKey: string, stateFile: string) {
  const state = JSON.parse(readFileSync(stateFile, 'utf8')) as State;
  const customer = createTicketsClient(gateway, customerKey);
  const ticket = await detail(customer, state, state.version);
  expect(
    'after the restart the ticket is there, Closed, with its thread and file',
    ticket.status === 'Closed' &&
      ticket.messages.length === 3 &&
      ticket.attachments.some((a) => a.id === state.attachmentId),
    ticket,
  );
  const bytes = await download(customer, state);
  expect(
    'after the restart the file downloads byte for byte',
    sha256(bytes) === state.sha256,
    bytes.length,
  );
}

const [mode, ...args] = process.argv.slice(2);
const run =
  mode === 'drive'
    ? drive(args[0], args[1], args[2], args[3], args[4])
    : verify(args[0], args[1], args[2]);
run.catch((error: unknown) => {
  console.error(`[journey] FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
