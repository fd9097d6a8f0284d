import { describe, expect, it } from '@jest/globals';
import {
  AN_AGENT,
  assigned,
  closed,
  messageAdded,
  noteAdded,
  opened,
  priorityChanged,
  resolved,
} from '@test/support/ticket.builders';
import { TICKET_EVENT_TYPES } from './ticket.events';
import { isVisibleTo, versionAs, visibleEventTypes } from './ticket-visibility';

describe('ticket visibility', () => {
  const thread = [
    opened(),
    noteAdded(),
    messageAdded(),
    assigned(AN_AGENT),
    priorityChanged('normal', 'high'),
    resolved(),
    closed(),
  ];

  it('a customer sees no note, assignment or priority change', () => {
    expect(thread.filter((e) => isVisibleTo('customer', e)).map((e) => e.type)).toEqual([
      'TicketOpened',
      'MessageAdded',
      'TicketResolved',
      'TicketClosed',
    ]);
  });

  it('staff see every event type', () => {
    expect(visibleEventTypes('staff')).toEqual(TICKET_EVENT_TYPES);
    expect(thread.every((e) => isVisibleTo('staff', e))).toBe(true);
  });

  it('a customer counts versions over what it sees, staff over every event', () => {
    expect(versionAs('staff', thread)).toBe(7);
    expect(versionAs('customer', thread)).toBe(4);
    expect(versionAs('customer', [noteAdded()], 4)).toBe(4);
  });
});
