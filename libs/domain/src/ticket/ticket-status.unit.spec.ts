import { describe, expect, it } from '@jest/globals';
import type { TicketStatus } from './ticket-status';
import { TICKET_STATUSES, WORKFLOW_STATUSES, canTransition, isTicketStatus } from './ticket-status';

/** The whole transition table: row = from, columns = to. */
const TABLE: Record<TicketStatus, Record<TicketStatus, boolean>> = {
  Open: { Open: false, InProgress: true, AwaitingCustomer: true, Resolved: true, Closed: true },
  InProgress: {
    Open: true,
    InProgress: false,
    AwaitingCustomer: true,
    Resolved: true,
    Closed: true,
  },
  AwaitingCustomer: {
    Open: true,
    InProgress: true,
    AwaitingCustomer: false,
    Resolved: true,
    Closed: true,
  },
  Resolved: {
    Open: true,
    InProgress: false,
    AwaitingCustomer: false,
    Resolved: false,
    Closed: true,
  },
  Closed: {
    Open: false,
    InProgress: false,
    AwaitingCustomer: false,
    Resolved: false,
    Closed: false,
  },
};

const everyPair = TICKET_STATUSES.flatMap((from) =>
  TICKET_STATUSES.map((to) => ({ from, to, allowed: TABLE[from][to] })),
);

describe('ticket statuses', () => {
  it('are Open, InProgress, AwaitingCustomer, Resolved and Closed', () => {
    expect(TICKET_STATUSES).toEqual([
      'Open',
      'InProgress',
      'AwaitingCustomer',
      'Resolved',
      'Closed',
    ]);
  });

  it('staff can only set the workflow statuses directly; Resolve and Close have their own commands', () => {
    expect(WORKFLOW_STATUSES).toEqual(['Open', 'InProgress', 'AwaitingCustomer']);
  });

  describe('canTransition', () => {
    it.each(everyPair.filter((pair) => pair.allowed))('allows $from -> $to', ({ from, to }) => {
      expect(canTransition(from, to)).toBe(true);
    });

    it.each(everyPair.filter((pair) => !pair.allowed))('forbids $from -> $to', ({ from, to }) => {
      expect(canTransition(from, to)).toBe(false);
    });

    it.each(TICKET_STATUSES)('a ticket in %s cannot transition to itself', (status) => {
      expect(canTransition(status, status)).toBe(false);
    });

    it.each(TICKET_STATUSES.filter((status) => status !== 'Closed'))(
      'a ticket in %s can be closed',
      (status) => {
        // "When status is anything other than Closed, a Close Ticket button appears in the detail view."
        expect(canTransition(status, 'Closed')).toBe(true);
      },
    );

    it('Closed is terminal: it cannot move anywhere', () => {
      // "Once a ticket is Closed, ... no further messages can be added. ... To continue, open a new ticket."
      expect(TICKET_STATUSES.filter((to) => canTransition('Closed', to))).toEqual([]);
    });

    it('a Resolved ticket can only be reopened (back to Open) or closed', () => {
      // "status goes back to Open and the resolved timestamp is cleared."
      expect(TICKET_STATUSES.filter((to) => canTransition('Resolved', to))).toEqual([
        'Open',
        'Closed',
      ]);
    });
  });

  describe('isTicketStatus', () => {
    it.each(TICKET_STATUSES)('recognises %s', (status) => {
      expect(isTicketStatus(status)).toBe(true);
    });

    it.each(['', 'open', 'OPEN', 'Pending', 'Reopened', 'In Progress'])('rejects %j', (value) => {
      expect(isTicketStatus(value)).toBe(false);
    });
  });
});
