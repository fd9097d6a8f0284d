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
    expect(fold([opened({ ticketId: TICKET_ID, accountId: ACCOUNT_ID })])).toEqual({
      kind: 'Existing',
      id: TICKET_ID,
      accountId: ACCOUNT_ID,
      status: 'Open',
      resolvedAt: null,
      closedAt: null,
      messageIds: new Set(),
      attachmentIds: new Set(),
    });
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

    expect(ticket.messageIds).toEqual(new Set([MESSAGE_ID, MESSAGE_ID + 1]));
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

    expect(ticket.attachmentIds).toEqual(new Set([ATTACHMENT_ID, ATTACHMENT_ID + 1]));
    expect(ticket.messageIds).toEqual(new Set());
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
    expect(before.messageIds).toEqual(new Set([MESSAGE_ID]));
    expect(before.attachmentIds).toEqual(new Set());
    expect(after.messageIds).toEqual(new Set([MESSAGE_ID, MESSAGE_ID + 1]));
    expect(after.attachmentIds).toEqual(new Set([ATTACHMENT_ID]));
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

    expect(ticket).toEqual({
      kind: 'Existing',
      id: TICKET_ID,
      accountId: ACCOUNT_ID,
      status: 'Closed',
      resolvedAt: RESOLVED_AT,
      closedAt: CLOSED_AT,
      messageIds: new Set([MESSAGE_ID, MESSAGE_ID + 1]),
      attachmentIds: new Set([ATTACHMENT_ID]),
    });
  });
});
