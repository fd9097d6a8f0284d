import { describe, expect, it } from '@jest/globals';
import {
  ACCOUNT_ID,
  ATTACHMENT_ID,
  MESSAGE_ID,
  TICKET_ID,
  aCustomer,
  aStaffMember,
  attachmentAdded,
  closed,
  messageAdded,
  noteAdded,
  opened,
  reopened,
  resolved,
  statusChanged,
} from '@test/support/ticket.builders';
import type { TicketEvent } from './ticket.events';
import type { ExistingTicket, Ticket } from './ticket.state';
import { evolve, fold, initialTicket } from './ticket.state';

const RESOLVED_AT = '2025-01-16T09:00:00.000Z';
const CLOSED_AT = '2025-01-20T17:45:00.000Z';

const ids = (set: Iterable<number>): number[] => [...set];

function existing(ticket: Ticket): ExistingTicket {
  expect(ticket.kind).toBe('Existing');
  return ticket as ExistingTicket;
}

describe('ticket state (evolve / fold)', () => {
  it('starts Empty', () => {
    expect(initialTicket()).toEqual({ kind: 'Empty' });
  });

  it('folding no events leaves the ticket Empty', () => {
    expect(fold([])).toEqual({ kind: 'Empty' });
  });

  it('TicketOpened creates an Open ticket with no resolved/closed timestamps, messages or attachments', () => {
    const { messageIds, attachmentIds, noteIds, noteAttachmentIds, ...ticket } = existing(
      fold([opened({ ticketId: TICKET_ID, accountId: ACCOUNT_ID })]),
    );
    expect(ticket).toEqual({
      kind: 'Existing',
      id: TICKET_ID,
      accountId: ACCOUNT_ID,
      status: 'Open',
      resolvedAt: null,
      closedAt: null,
      priority: 'normal',
      assignee: null,
      lastMessageId: 0,
    });
    expect([messageIds, attachmentIds, noteIds, noteAttachmentIds].map(ids)).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });

  const eventsBeforeOpening: TicketEvent[] = [
    messageAdded(),
    attachmentAdded(),
    resolved(),
    reopened('staff'),
    statusChanged('Open', 'InProgress'),
    closed(),
  ];

  it.each(eventsBeforeOpening.map((event) => ({ type: event.type, event })))(
    'a $type for a ticket that was never opened leaves it Empty',
    ({ event }) => {
      expect(evolve(initialTicket(), event)).toEqual({ kind: 'Empty' });
    },
  );

  it('MessageAdded tracks the message ids on the ticket', () => {
    const ticket = existing(
      fold([
        opened(),
        messageAdded({ messageId: MESSAGE_ID }, aCustomer()),
        messageAdded({ messageId: MESSAGE_ID + 1 }, aStaffMember()),
      ]),
    );

    expect(ids(ticket.messageIds)).toEqual([MESSAGE_ID, MESSAGE_ID + 1]);
    expect(ticket.status).toBe('Open');
  });

  it('AttachmentAdded tracks the attachment ids on the ticket', () => {
    const ticket = existing(
      fold([
        opened(),
        attachmentAdded({ attachmentId: ATTACHMENT_ID }),
        attachmentAdded({ attachmentId: ATTACHMENT_ID + 1 }),
      ]),
    );

    expect(ids(ticket.attachmentIds)).toEqual([ATTACHMENT_ID, ATTACHMENT_ID + 1]);
    expect(ids(ticket.messageIds)).toEqual([]);
  });

  it('TicketResolved makes the ticket Resolved and sets resolvedAt to when it happened', () => {
    const ticket = existing(fold([opened(), resolved(aStaffMember({ occurredAt: RESOLVED_AT }))]));

    expect(ticket).toMatchObject({ status: 'Resolved', resolvedAt: RESOLVED_AT, closedAt: null });
  });

  it.each(['customer-reply', 'staff'] as const)(
    'TicketReopened (%s) makes the ticket Open again and clears resolvedAt',
    (reason) => {
      // "status goes back to Open and the resolved timestamp is cleared."
      const ticket = existing(
        fold([opened(), resolved(aStaffMember({ occurredAt: RESOLVED_AT })), reopened(reason)]),
      );

      expect(ticket).toMatchObject({ status: 'Open', resolvedAt: null });
    },
  );

  it.each(['InProgress', 'AwaitingCustomer', 'Open'] as const)(
    'TicketStatusChanged moves the ticket to %s',
    (to) => {
      const ticket = existing(
        fold([opened(), statusChanged('Open', 'InProgress'), statusChanged('InProgress', to)]),
      );

      expect(ticket.status).toBe(to);
    },
  );

  it('TicketClosed makes the ticket Closed and sets closedAt to when it happened', () => {
    const ticket = existing(fold([opened(), closed(aCustomer({ occurredAt: CLOSED_AT }))]));

    expect(ticket).toMatchObject({ status: 'Closed', closedAt: CLOSED_AT });
  });

  it('evolve never mutates the previous state', () => {
    const before = existing(fold([opened(), messageAdded({ messageId: MESSAGE_ID })]));

    const after = existing(
      [
        messageAdded({ messageId: MESSAGE_ID + 1 }),
        attachmentAdded({ attachmentId: ATTACHMENT_ID }),
        resolved(),
      ].reduce(evolve, before),
    );

    expect(before).toMatchObject({ status: 'Open', resolvedAt: null });
    expect(ids(before.messageIds)).toEqual([MESSAGE_ID]);
    expect(before.messageIds.has(MESSAGE_ID + 1)).toBe(false);
    expect(ids(before.attachmentIds)).toEqual([]);
    expect(ids(after.messageIds)).toEqual([MESSAGE_ID, MESSAGE_ID + 1]);
    expect(ids(after.attachmentIds)).toEqual([ATTACHMENT_ID]);
  });

  it('two states evolved from one earlier state each see only their own messages', () => {
    const base = existing(fold([opened(), messageAdded({ messageId: MESSAGE_ID })]));

    const left = existing(evolve(base, messageAdded({ messageId: MESSAGE_ID + 1 })));
    const right = existing(evolve(base, messageAdded({ messageId: MESSAGE_ID + 2 })));
    const leftAgain = existing(evolve(left, messageAdded({ messageId: MESSAGE_ID + 3 })));

    expect(ids(base.messageIds)).toEqual([MESSAGE_ID]);
    expect(ids(left.messageIds)).toEqual([MESSAGE_ID, MESSAGE_ID + 1]);
    expect(ids(right.messageIds)).toEqual([MESSAGE_ID, MESSAGE_ID + 2]);
    expect(ids(leftAgain.messageIds)).toEqual([MESSAGE_ID, MESSAGE_ID + 1, MESSAGE_ID + 3]);
    expect([right.messageIds.has(MESSAGE_ID + 1), left.messageIds.has(MESSAGE_ID + 2)]).toEqual([
      false,
      false,
    ]);
    expect([base.messageIds.size, left.messageIds.size, right.messageIds.size]).toEqual([1, 2, 2]);
  });

  it('a message id seen twice (an event redelivered) is counted once', () => {
    const ticket = existing(
      fold([
        opened(),
        messageAdded({ messageId: MESSAGE_ID }),
        messageAdded({ messageId: MESSAGE_ID }),
      ]),
    );

    expect(ids(ticket.messageIds)).toEqual([MESSAGE_ID]);
  });

  it('fold can continue from an earlier state', () => {
    const history: TicketEvent[] = [
      opened(),
      messageAdded({ messageId: MESSAGE_ID }),
      resolved(aStaffMember({ occurredAt: RESOLVED_AT })),
      messageAdded({ messageId: MESSAGE_ID + 1 }),
      reopened('customer-reply'),
    ];

    expect(fold(history.slice(2), fold(history.slice(0, 2)))).toEqual(fold(history));
  });

  it('folds a whole conversation: reply, resolve, customer reopens, attach to a reply, resolve, close', () => {
    const ticket = existing(
      fold([
        opened(),
        statusChanged('Open', 'AwaitingCustomer'),
        messageAdded({ messageId: MESSAGE_ID }, aCustomer()),
        statusChanged('AwaitingCustomer', 'Open', aCustomer()),
        resolved(aStaffMember({ occurredAt: '2025-01-15T12:00:00.000Z' })),
        messageAdded({ messageId: MESSAGE_ID + 1 }, aCustomer()),
        reopened('customer-reply'),
        attachmentAdded({ attachmentId: ATTACHMENT_ID, messageId: MESSAGE_ID + 1 }),
        resolved(aStaffMember({ occurredAt: RESOLVED_AT })),
        closed(aCustomer({ occurredAt: CLOSED_AT })),
      ]),
    );

    const {
      messageIds,
      attachmentIds,
      noteIds: _noteIds,
      noteAttachmentIds: _noteAttachmentIds,
      ...rest
    } = ticket;
    expect(rest).toEqual({
      kind: 'Existing',
      id: TICKET_ID,
      accountId: ACCOUNT_ID,
      status: 'Closed',
      resolvedAt: RESOLVED_AT,
      closedAt: CLOSED_AT,
      priority: 'normal',
      assignee: null,
      lastMessageId: MESSAGE_ID + 1,
    });
    expect(ids(messageIds)).toEqual([MESSAGE_ID, MESSAGE_ID + 1]);
    expect(ids(attachmentIds)).toEqual([ATTACHMENT_ID]);
  });

  it('a note is kept apart from the messages: its id is a note id, not a message id', () => {
    const ticket = existing(
      fold([opened(), noteAdded({ noteId: 9 }), messageAdded({ messageId: 10 })]),
    );
    expect([ids(ticket.noteIds), ids(ticket.messageIds)]).toEqual([[9], [10]]);
  });
});
