import { evolve, fold } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import {
  AN_AGENT,
  aStaffMember,
  assigned,
  attachmentAdded,
  closed,
  messageAdded,
  opened,
  priorityChanged,
  reopened,
  resolved,
  statusChanged,
} from '@test/support/ticket.builders';
import { describeChange } from './ticket-change';

/** What the replay prints for the last event of a history. */
const changeOf = (...history: TicketEvent[]): string[] => {
  const before = fold(history.slice(0, -1));
  const event = history[history.length - 1];
  return describeChange(before, evolve(before, event), event);
};

describe('what an event changed, as the replay prints it', () => {
  it('an opening: its subject and the status it starts in', () => {
    expect(changeOf(opened())).toEqual([
      'subject "Cannot log in", topic Access',
      'status (none) -> Open',
      'priority (none) -> normal',
    ]);
  });

  it('a reply: its text and the thread growing', () => {
    expect(changeOf(opened(), messageAdded({ messageId: 7, message: 'Still failing.' }))).toEqual([
      'message 7 by customer: "Still failing."',
      'messages 0 -> 1',
    ]);
  });

  it('a resolution, a reopening and a closing: the status and its times', () => {
    const resolvedAt = aStaffMember().occurredAt;
    expect(changeOf(opened(), resolved())).toEqual([
      'status Open -> Resolved',
      `resolvedAt null -> ${resolvedAt}`,
    ]);
    expect(changeOf(opened(), resolved(), reopened('customer-reply'))).toEqual([
      'reason customer-reply',
      'status Resolved -> Open',
      `resolvedAt ${resolvedAt} -> null`,
    ]);
    expect(changeOf(opened(), closed())[0]).toBe('status Open -> Closed');
  });

  it('a status change and an attachment', () => {
    expect(changeOf(opened(), statusChanged('Open', 'InProgress'))).toEqual([
      'status Open -> InProgress',
    ]);
    expect(changeOf(opened(), attachmentAdded())).toEqual([
      expect.stringMatching(/^attachment 42 ".*" \(\d+ bytes\)$/),
      'attachments 0 -> 1',
    ]);
  });

  it('shortens long messages', () => {
    const [said] = changeOf(opened(), messageAdded({ message: 'x'.repeat(200) }));
    expect(said).toBe(`message 456 by customer: "${'x'.repeat(60)}…"`);
  });

  it('an assignment and a priority change: who, and from what to what', () => {
    expect(changeOf(opened(), assigned(AN_AGENT))).toEqual([
      'assignee nobody -> agent 7 ("Ana Lopez")',
    ]);
    expect(changeOf(opened(), priorityChanged('normal', 'urgent'))).toEqual([
      'priority normal -> urgent',
    ]);
  });
});
