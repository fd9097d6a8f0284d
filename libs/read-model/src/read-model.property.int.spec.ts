import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { Pool } from 'pg';
import {
  decide,
  fold,
  initialTicket,
  TicketError,
  TICKET_PRIORITIES,
  ticketStreamId,
  WORKFLOW_STATUSES,
} from '@app/domain';
import type { ActorRole, CommandMetadata, Ticket, TicketCommand, TicketEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { closeTestPool, testPool } from '../../../test/support/api-keys';
import {
  copyReadModelSchema,
  dropReadModelSchema,
  foldTicketDetail,
  forReader,
  PgTicketReadModel,
  projectTicketEvent,
  projectTicketEvents,
} from './index';

const SCHEMA = `rm_prop_${randomUUID().slice(0, 8)}`;
const BATCH_SCHEMA = `${SCHEMA}_batch`;
const ACCOUNT_ID = 'acct-property';

let pool: Pool;
let readModel: PgTicketReadModel;
// ids only need to be unique within the fresh schema
let lastId = 0;
const nextId = (): number => ++lastId;

/** Text PostgreSQL stores as given: any graphemes but NUL, not blank. */
const text = (maxLength: number) =>
  fc
    .string({ unit: 'grapheme', minLength: 1, maxLength })
    .filter((s) => !s.includes('\u0000') && s.trim().length > 0);

const role = fc.constantFrom<ActorRole>('customer', 'staff');

/** What someone tries next; the decider turns it into events or refuses it (then it is skipped). */
const step = fc.record({
  role,
  secondsLater: fc.integer({ min: 0, max: 3 * 86_400 }),
  millis: fc.integer({ min: 0, max: 999 }),
  action: fc.oneof(
    fc.record({ type: fc.constant('message' as const), message: text(200) }),
    fc.record({ type: fc.constant('note' as const), note: text(200) }),
    fc.record({
      type: fc.constant('attachment' as const),
      onLastMessage: fc.boolean(),
      onLastNote: fc.boolean(),
      fileName: text(40),
      contentType: fc.constantFrom('image/png', 'application/pdf', 'text/plain; charset=utf-8'),
      size: fc.integer({ min: 0, max: 10 * 1024 * 1024 }),
      sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    }),
    fc.record({ type: fc.constant('resolve' as const) }),
    fc.record({ type: fc.constant('close' as const) }),
    fc.record({ type: fc.constant('status' as const), to: fc.constantFrom(...WORKFLOW_STATUSES) }),
    fc.record({
      type: fc.constant('priority' as const),
      to: fc.constantFrom(...TICKET_PRIORITIES),
    }),
    fc.record({
      type: fc.constant('assign' as const),
      to: fc.oneof(
        fc.constant(null),
        fc.record({ agentId: fc.integer({ min: 1, max: 3 }), name: text(30) }),
        fc.record({ group: fc.constantFrom('billing', 'access') }),
      ),
    }),
  ),
});

const conversation = fc.record({
  opener: role,
  startedAt: fc.date({
    min: new Date('2020-01-01'),
    max: new Date('2030-01-01'),
    noInvalidDate: true,
  }),
  subject: text(80),
  description: text(300),
  topic: text(30),
  propertyId: fc.option(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/), { nil: null }),
  steps: fc.array(step, { maxLength: 20 }),
  // small pages, so that random threads span several of them
  pageSize: fc.integer({ min: 1, max: 8 }),
  olderPageSize: fc.integer({ min: 1, max: 5 }),
});

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Step = Generated<typeof step>;

function commandFor(
  ticketId: number,
  s: Step,
  messageIds: readonly number[],
  noteIds: readonly number[],
  meta: CommandMetadata,
) {
  const { action } = s;
  const base = { metadata: meta };
  switch (action.type) {
    case 'message':
      return {
        ...base,
        type: 'AddMessage',
        data: { ticketId, messageId: nextId(), message: action.message },
      };
    case 'note':
      return {
        ...base,
        type: 'AddInternalNote',
        data: { ticketId, noteId: nextId(), note: action.note },
      };
    case 'attachment': {
      const noteId = action.onLastNote ? (noteIds.at(-1) ?? null) : null;
      return {
        ...base,
        type: 'AddAttachment',
        data: {
          ticketId,
          attachmentId: nextId(),
          messageId: action.onLastMessage && noteId === null ? (messageIds.at(-1) ?? null) : null,
          noteId,
          fileName: action.fileName,
          contentType: action.contentType,
          size: action.size,
          sha256: action.sha256,
          objectKey: `tickets/${ticketId}/${randomUUID()}`,
        },
      };
    }
    case 'resolve':
      return { ...base, type: 'ResolveTicket', data: { ticketId } };
    case 'close':
      return { ...base, type: 'CloseTicket', data: { ticketId } };
    case 'status':
      return { ...base, type: 'ChangeTicketStatus', data: { ticketId, status: action.to } };
    case 'priority':
      return { ...base, type: 'ChangeTicketPriority', data: { ticketId, priority: action.to } };
    case 'assign':
      return { ...base, type: 'AssignTicket', data: { ticketId, assignee: action.to } };
  }
}

/** The events the decider accepts for a random conversation, stored as versions 1..n of a fresh ticket. */
function eventsOf(c: Generated<typeof conversation>): StoredEvent<TicketEvent>[] {
  const ticketId = nextId();
  let now = c.startedAt.getTime();
  const meta = (r: ActorRole): CommandMetadata => ({
    actor: { role: r, accountId: r === 'customer' ? ACCOUNT_ID : null, apiKeyId: null },
    occurredAt: new Date(now).toISOString(),
    correlationId: randomUUID(),
  });
  const open: TicketCommand = {
    type: 'OpenTicket',
    data: {
      ticketId,
      accountId: ACCOUNT_ID,
      subject: c.subject,
      description: c.description,
      topic: c.topic,
      propertyId: c.propertyId,
    },
    metadata: meta(c.opener),
  };
  const events: TicketEvent[] = decide(open, initialTicket());
  let state: Ticket = fold(events);
  const messageIds: number[] = [];
  const noteIds: number[] = [];
  for (const s of c.steps) {
    now += s.secondsLater * 1000 + s.millis;
    const command = commandFor(ticketId, s, messageIds, noteIds, meta(s.role)) as TicketCommand;
    try {
      const decided = decide(command, state);
      state = fold(decided, state);
      events.push(...decided);
      for (const e of decided) {
        if (e.type === 'MessageAdded') messageIds.push(e.data.messageId);
        if (e.type === 'InternalNoteAdded') noteIds.push(e.data.noteId);
      }
    } catch (error) {
      if (!(error instanceof TicketError)) throw error;
    }
  }
  return events.map((event, i) => ({
    eventId: randomUUID(),
    globalPosition: String(i + 1),
    streamId: ticketStreamId(ticketId),
    streamVersion: i + 1,
    recordedAt: event.metadata.occurredAt,
    event,
  }));
}

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/** The thread as the read model pages it: the detail's latest page, then older pages until the first. */
async function pagedThread(ticketId: number, pageSize: number, olderPageSize: number) {
  const ticket = (await readModel.findTicket(ticketId, ACCOUNT_ID, 'staff', pageSize))!;
  const thread = [...ticket.messages];
  let older = ticket.olderMessages;
  while (older) {
    const page = (await readModel.findMessages(ticketId, ACCOUNT_ID, 'staff', {
      beforeId: Number(older.cursor.slice(1)),
      limit: olderPageSize,
    }))!;
    expect(page.olderMessages?.count ?? 0).toBe(older.count - page.items.length);
    thread.unshift(...page.items);
    older = page.olderMessages;
  }
  return { ticket, thread };
}

beforeAll(async () => {
  pool = testPool();
  await withTransaction(pool, (client) => copyReadModelSchema(client, 'read_model', SCHEMA));
  await withTransaction(pool, (client) => copyReadModelSchema(client, 'read_model', BATCH_SCHEMA));
  readModel = new PgTicketReadModel(pool, SCHEMA);
});

afterAll(async () => {
  await dropReadModelSchema(pool, SCHEMA);
  await dropReadModelSchema(pool, BATCH_SCHEMA);
  await closeTestPool();
});

describe('the read model in SQL and the in-memory fold', () => {
  it('give the same JSON for any valid sequence of events, and its pages add up to the whole thread', async () => {
    await fc.assert(
      fc.asyncProperty(conversation, async (c) => {
        const stored = eventsOf(c);
        await withTransaction(pool, async (client) => {
          for (const e of stored) await projectTicketEvent(client, SCHEMA, e);
        });
        const folded = foldTicketDetail(stored, 'staff', c.pageSize);
        const whole = foldTicketDetail(stored, 'staff', Number.MAX_SAFE_INTEGER)!;
        const ticketId = folded!.id;
        const [paged, listed] = await Promise.all([
          pagedThread(ticketId, c.pageSize, c.olderPageSize),
          readModel.listTickets({
            accountId: ACCOUNT_ID,
            reader: 'staff',
            beforeId: ticketId + 1,
            limit: 1,
          }),
        ]);
        expect(asJson(paged.ticket)).toEqual(asJson(folded));
        expect(asJson(paged.thread)).toEqual(asJson(whole.messages));
        expect(listed[0]).toMatchObject({ id: ticketId, messageCount: whole.messages.length });
        // a customer's reading of the same rows: what the fold gives without the staff-only events
        const [customer, customerList] = await Promise.all([
          readModel.findTicket(ticketId, ACCOUNT_ID, 'customer', c.pageSize),
          readModel.listTickets({
            accountId: ACCOUNT_ID,
            reader: 'customer',
            beforeId: ticketId + 1,
            limit: 1,
          }),
        ]);
        const customerWhole = foldTicketDetail(stored, 'customer', Number.MAX_SAFE_INTEGER)!;
        const customerFold = foldTicketDetail(stored, 'customer', c.pageSize)!;
        // the routes answer a customer without priority and assignee (forReader)
        expect(asJson(forReader(customer!, 'customer'))).toEqual(
          asJson(forReader(customerFold, 'customer')),
        );
        expect(customerList[0]).toMatchObject({
          version: customerWhole.version,
          messageCount: customerWhole.messages.length,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('the batch projection writes the same rows as the event-by-event one, queue columns included', async () => {
    const rowOf = async (schema: string, ticketId: number) => ({
      ticket: (await pool.query(`SELECT * FROM ${schema}.tickets WHERE ticket_id = $1`, [ticketId]))
        .rows[0] as Record<string, unknown>,
      thread: (
        await pool.query(
          `SELECT * FROM ${schema}.messages WHERE ticket_id = $1 ORDER BY message_id`,
          [ticketId],
        )
      ).rows,
      files: (
        await pool.query(
          `SELECT * FROM ${schema}.attachments WHERE ticket_id = $1 ORDER BY attachment_id`,
          [ticketId],
        )
      ).rows,
    });
    await fc.assert(
      fc.asyncProperty(conversation, fc.integer({ min: 1, max: 5 }), async (c, batchSize) => {
        const stored = eventsOf(c);
        const ticketId = stored[0].event.data.ticketId;
        await withTransaction(pool, async (client) => {
          for (const e of stored) await projectTicketEvent(client, SCHEMA, e);
        });
        for (let i = 0; i < stored.length; i += batchSize) {
          const batch = stored.slice(i, i + batchSize);
          await withTransaction(pool, (client) => projectTicketEvents(client, BATCH_SCHEMA, batch));
        }
        const [one, batched] = await Promise.all([
          rowOf(SCHEMA, ticketId),
          rowOf(BATCH_SCHEMA, ticketId),
        ]);
        expect(batched).toEqual(one);
        expect(one.ticket).toMatchObject({ last_author: expect.any(String) });
      }),
      { numRuns: 40 },
    );
  });
});
