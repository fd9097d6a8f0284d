import { encodeQueueCursor, queueCursorFromQuery } from './queue-cursor';
import { queueViewOf } from './queue-views';

describe('the queue cursor', () => {
  it('names the position it was made from, to the millisecond', () => {
    const position = { priorityRank: 0, lastMessageAt: '2026-03-01T09:30:00.123Z', ticketId: 42 };

    const cursor = encodeQueueCursor(position);

    expect(cursor).toBe('q0.1772357400123.42');
    expect(queueCursorFromQuery(cursor)).toEqual(position);
  });

  it('is null without one, and a cursor of another list is a 400', () => {
    expect(queueCursorFromQuery(undefined)).toBeNull();
    expect(() => queueCursorFromQuery('h12')).toThrow('cursor is not valid');
    expect(() => queueCursorFromQuery('q1.337246174414949.89')).toThrow('cursor is not valid');
  });
});

describe('queue views', () => {
  it('mine is the key agent, group:<name> the group', () => {
    expect(queueViewOf('mine', 7)).toEqual({ kind: 'mine', agentId: 7 });
    expect(queueViewOf('group:billing', null)).toEqual({ kind: 'group', group: 'billing' });
    expect(queueViewOf('awaiting-staff', 7)).toEqual({ kind: 'awaiting-staff' });
  });
});
