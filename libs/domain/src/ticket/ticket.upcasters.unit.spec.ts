import { describe, expect, it } from '@jest/globals';
import {
  aCustomer,
  aStaffMember,
  attachmentAdded,
  closed,
  messageAdded,
  opened,
  reopened,
  resolved,
  statusChanged,
  assigned,
  priorityChanged,
  noteAdded,
  noteAttachmentAdded,
} from '@test/support/ticket.builders';
import type { EventMetadata } from '../shared/event-metadata';
import type { TicketEvent } from './ticket.events';
import { CURRENT_SCHEMA_VERSION, TICKET_EVENT_TYPES } from './ticket.events';
import { fold } from './ticket.state';
import type { RecordedEvent } from './ticket.upcasters';
import { UnknownEventError, upcastTicketEvent } from './ticket.upcasters';

const stored = (
  type: string,
  schemaVersion: number,
  data: unknown,
  metadata: EventMetadata = aCustomer(),
): RecordedEvent => ({ type, schemaVersion, data, metadata });

/** The shape the previous ticket system wrote, before schema versions 1. */
const legacyOpened = (data: Record<string, unknown> = {}) =>
  stored('TicketOpened', 0, {
    ticketId: 789,
    accountId: '123',
    subject: 'Cannot log in',
    description: 'The login page keeps spinning.',
    category: 'Access',
    ...data,
  });

const legacyMessage = (data: Record<string, unknown>, metadata?: EventMetadata) =>
  stored('MessageAdded', 0, { ticketId: 789, messageId: 456, ...data }, metadata);

describe('upcastTicketEvent', () => {
  const currentEvents: TicketEvent[] = [
    opened(),
    messageAdded(),
    reopened('staff'),
    resolved(),
    closed(),
    statusChanged('Open', 'InProgress'),
    attachmentAdded(),
    assigned({ agentId: 7, name: 'Ana Lopez' }),
    priorityChanged('normal', 'urgent'),
    noteAdded(),
    noteAttachmentAdded(),
  ];

  it('has a current example of every event type', () => {
    expect(currentEvents.map((e) => e.type).sort()).toEqual([...TICKET_EVENT_TYPES].sort());
  });

  it.each(currentEvents.map((event) => ({ type: event.type, event })))(
    'leaves a current $type as it is',
    ({ event }) => {
      expect(upcastTicketEvent(event)).toEqual(event);
    },
  );

  it('lifts a v0 TicketOpened: category becomes topic, and there was no property', () => {
    expect(upcastTicketEvent(legacyOpened())).toEqual(opened());
  });

  it('keeps a property a v0 TicketOpened happened to carry', () => {
    expect(upcastTicketEvent(legacyOpened({ propertyId: 'property-7' })).data).toMatchObject({
      topic: 'Access',
      propertyId: 'property-7',
    });
  });

  it('lifts a v0 MessageAdded from a customer: body becomes message, authorType customer', () => {
    const lifted = upcastTicketEvent(legacyMessage({ body: 'Still failing after 30 minutes.' }));

    expect(lifted).toEqual(messageAdded());
  });

  it('lifts a v0 MessageAdded written by staff to authorType staff', () => {
    const lifted = upcastTicketEvent(
      legacyMessage({ body: 'We are on it.', isStaff: true }, aStaffMember()),
    );

    expect(lifted).toEqual(messageAdded({ message: 'We are on it.' }, aStaffMember()));
  });

  it('a stream of old and new versions folds like the same stream written today', () => {
    const old = [legacyOpened(), legacyMessage({ body: 'Hello' }), resolved()];
    const today = [opened(), messageAdded({ message: 'Hello' }), resolved()];

    expect(fold(old.map(upcastTicketEvent))).toEqual(fold(today));
  });

  it('never changes the stored event it reads', () => {
    const legacy = legacyOpened();
    const copy = structuredClone(legacy);

    upcastTicketEvent(legacy);

    expect(legacy).toEqual(copy);
  });

  it('rejects an unknown event type', () => {
    expect(() => upcastTicketEvent(stored('TicketTeleported', 1, {}))).toThrow(UnknownEventError);
  });

  it('rejects a version newer than this code knows', () => {
    const future = stored('TicketClosed', CURRENT_SCHEMA_VERSION.TicketClosed + 1, {});

    expect(() => upcastTicketEvent(future)).toThrow(/newer than this code/);
  });

  it('rejects an old version that has no upcaster', () => {
    expect(() => upcastTicketEvent(stored('TicketClosed', 0, { ticketId: 1 }))).toThrow(
      /No upcaster for TicketClosed v0/,
    );
  });

  it.each([-1, 1.5, Number.NaN])('rejects schema version %p', (version) => {
    expect(() => upcastTicketEvent(stored('TicketClosed', version, {}))).toThrow(UnknownEventError);
  });

  it('rejects an event without data', () => {
    expect(() => upcastTicketEvent(stored('TicketClosed', 1, null))).toThrow(/has no data/);
  });
});
