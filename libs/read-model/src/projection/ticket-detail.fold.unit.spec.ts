import type { EventMetadata, TicketEvent } from '@app/domain';
import {
  ACCOUNT_ID,
  ATTACHMENT_ID,
  MESSAGE_ID,
  TICKET_ID,
  aCustomer,
  aStaffMember,
  assigned,
  attachmentAdded,
  closed,
  messageAdded,
  noteAdded,
  opened,
  priorityChanged,
  reopened,
  resolved,
  statusChanged,
} from '@test/support/ticket.builders';
import type { StoredEvent } from '@app/event-store';
import { foldTicketDetail, TicketDetailFold } from './ticket-detail.fold';

const at = (minute: number): string => new Date(Date.UTC(2025, 0, 15, 10, minute)).toISOString();
const customerAt = (minute: number): EventMetadata => aCustomer({ occurredAt: at(minute) });
const staffAt = (minute: number): EventMetadata => aStaffMember({ occurredAt: at(minute) });

const stored = (events: TicketEvent[]): StoredEvent<TicketEvent>[] =>
  events.map((event, i) => ({
    eventId: `event-${i + 1}`,
    globalPosition: String(100 + i),
    streamId: `ticket-${TICKET_ID}`,
    streamVersion: i + 1,
    recordedAt: event.metadata.occurredAt,
    event,
  }));

const conversation: TicketEvent[] = [
  opened({ propertyId: 'property-7' }, customerAt(0)),
  messageAdded({ messageId: MESSAGE_ID, message: 'It fails.' }, customerAt(1)),
  statusChanged('Open', 'InProgress', staffAt(2)),
  messageAdded({ messageId: MESSAGE_ID + 1, message: 'Send a screenshot?' }, staffAt(3)),
  attachmentAdded({ attachmentId: ATTACHMENT_ID, messageId: MESSAGE_ID }, customerAt(4)),
  attachmentAdded({ attachmentId: ATTACHMENT_ID + 1, messageId: null }, staffAt(5)),
  resolved(staffAt(6)),
  messageAdded({ messageId: MESSAGE_ID + 2, message: 'Still broken.' }, customerAt(7)),
  reopened('customer-reply', customerAt(7)),
  closed(customerAt(9)),
];

describe('foldTicketDetail', () => {
  it('is null before the ticket was opened', () => {
    expect(foldTicketDetail([], 'staff')).toBeNull();
    expect(foldTicketDetail(stored([messageAdded()]), 'staff')).toBeNull();
  });

  it('a just opened ticket: Open, created and updated when it was opened, version 1, no thread', () => {
    expect(foldTicketDetail(stored(conversation.slice(0, 1)), 'staff')).toEqual({
      id: TICKET_ID,
      accountId: ACCOUNT_ID,
      subject: 'Cannot log in',
      description: 'The login page keeps spinning.',
      topic: 'Access',
      propertyId: 'property-7',
      status: 'Open',
      createdAt: at(0),
      updatedAt: at(0),
      resolvedAt: null,
      closedAt: null,
      priority: 'normal',
      assignee: null,
      version: 1,
      attachments: [],
      messages: [],
      olderMessages: null,
    });
  });

  it('carries the latest page of the thread and the count and cursor of the messages before it', () => {
    const thread = Array.from({ length: 7 }, (_, i) =>
      messageAdded({ messageId: MESSAGE_ID + i }, customerAt(i + 1)),
    );
    const events = stored([conversation[0], ...thread]);

    const paged = foldTicketDetail(events, 'staff', 3)!;

    expect(paged.messages.map((m) => m.id)).toEqual([4, 5, 6].map((i) => MESSAGE_ID + i));
    expect(paged.olderMessages).toEqual({ count: 4, cursor: `m${MESSAGE_ID + 4}` });
    expect(foldTicketDetail(events, 'staff', 7)!.olderMessages).toBeNull();
  });

  it('the thread labels authors, and each message carries its attachments', () => {
    const ticket = foldTicketDetail(stored(conversation.slice(0, 6)), 'staff')!;

    expect(ticket).toMatchObject({ status: 'InProgress', updatedAt: at(5), version: 6 });
    expect(ticket.attachments.map((a) => [a.id, a.messageId, a.uploadedByLabel])).toEqual([
      [ATTACHMENT_ID, MESSAGE_ID, 'You'],
      [ATTACHMENT_ID + 1, null, 'Support Team'],
    ]);
    expect(
      ticket.messages.map((m) => [m.id, m.authorLabel, m.attachments.map((a) => a.id)]),
    ).toEqual([
      [MESSAGE_ID, 'You', [ATTACHMENT_ID]],
      [MESSAGE_ID + 1, 'Support Team', []],
    ]);
  });

  it('resolving sets resolvedAt; a customer reply reopens and clears it; closing sets closedAt', () => {
    const events = stored(conversation);

    expect(foldTicketDetail(events.slice(0, 7), 'staff')).toMatchObject({
      status: 'Resolved',
      resolvedAt: at(6),
    });
    expect(foldTicketDetail(events.slice(0, 9), 'staff')).toMatchObject({
      status: 'Open',
      resolvedAt: null,
    });
    expect(foldTicketDetail(events, 'staff')).toMatchObject({
      status: 'Closed',
      closedAt: at(9),
      version: 10,
    });
  });

  it('an assignment and a priority change show in the detail and move its version', () => {
    const ticket = foldTicketDetail(
      stored([
        opened(),
        assigned({ group: 'billing' }),
        priorityChanged('normal', 'urgent'),
        assigned({ agentId: 7, name: 'Ana Lopez' }),
      ]),
      'staff',
    );

    expect(ticket).toMatchObject({
      priority: 'urgent',
      assignee: { agentId: 7, name: 'Ana Lopez' },
      version: 4,
    });
  });

  it('normalises times written with an offset to UTC', () => {
    const ticket = foldTicketDetail(
      stored([opened({}, aCustomer({ occurredAt: '2025-01-15T12:00:00+02:00' }))]),
      'staff',
    );

    expect(ticket?.createdAt).toBe('2025-01-15T10:00:00.000Z');
  });
});

describe('TicketDetailFold, fed a page at a time', () => {
  it('keeps the latest page of messages by id, even when ids arrive out of order, and counts the rest', () => {
    const ids = [5, 1, 7, 3, 9, 2, 8];
    const events = stored([opened(), ...ids.map((messageId) => messageAdded({ messageId }))]);
    const fold = new TicketDetailFold('staff', 3);
    for (const event of events) fold.add(event);

    const ticket = fold.result();

    expect(ticket?.messages.map((m) => m.id)).toEqual([7, 8, 9]);
    expect(ticket?.olderMessages?.count).toBe(4);
    expect(ticket).toEqual(foldTicketDetail(events, 'staff', 3));
  });
});

describe('foldTicketDetail by reader', () => {
  const withNote: TicketEvent[] = [
    opened({}, customerAt(0)),
    messageAdded({ messageId: 10, message: 'It fails.' }, customerAt(1)),
    noteAdded({ noteId: 11, note: 'Legacy plan.' }, staffAt(2)),
    assigned({ group: 'billing' }, staffAt(3)),
    priorityChanged('normal', 'high', staffAt(4)),
  ];

  it('a staff reader sees the note in the thread, marked internal, and counts every event', () => {
    const ticket = foldTicketDetail(stored(withNote), 'staff')!;
    expect(ticket.messages.map((m) => [m.id, m.internal])).toEqual([
      [10, false],
      [11, true],
    ]);
    expect(ticket).toMatchObject({ version: 5, priority: 'high', updatedAt: at(1) });
  });

  it('a customer reader gets the same ticket as if the staff-only events had never happened', () => {
    expect(foldTicketDetail(stored(withNote), 'customer')).toEqual(
      foldTicketDetail(stored(withNote.slice(0, 2)), 'customer'),
    );
    expect(foldTicketDetail(stored(withNote), 'customer')!.messages[0]).not.toHaveProperty(
      'internal',
    );
  });
});
