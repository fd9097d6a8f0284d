import { GrowOnlyIdSet } from '@app/domain';
import type { Ticket } from '@app/domain';
import { TicketStateCache } from './ticket-state.cache';

const state = (id: number): Ticket => ({
  kind: 'Existing',
  id,
  accountId: 'a',
  status: 'Open',
  resolvedAt: null,
  closedAt: null,
  priority: 'normal',
  assignee: null,
  messageIds: GrowOnlyIdSet.empty(),
  lastMessageId: 0,
  noteIds: GrowOnlyIdSet.empty(),
  noteAttachmentIds: GrowOnlyIdSet.empty(),
  attachmentIds: GrowOnlyIdSet.empty(),
});

describe('TicketStateCache', () => {
  it('returns what was stored for a stream', () => {
    const cache = new TicketStateCache();
    cache.set('ticket-1', { state: state(1), version: 3, customerVersion: 3 });
    expect(cache.get('ticket-1')).toEqual({ state: state(1), version: 3, customerVersion: 3 });
    expect(cache.get('ticket-2')).toBeUndefined();
  });

  it('evicts the least recently used stream beyond its capacity', () => {
    const cache = new TicketStateCache(2);
    cache.set('ticket-1', { state: state(1), version: 1, customerVersion: 1 });
    cache.set('ticket-2', { state: state(2), version: 1, customerVersion: 1 });
    cache.get('ticket-1');
    cache.set('ticket-3', { state: state(3), version: 1, customerVersion: 1 });
    expect(cache.get('ticket-2')).toBeUndefined();
    expect(cache.get('ticket-1')?.version).toBe(1);
    expect(cache.size).toBe(2);
  });

  it('never goes back to an older version', () => {
    const cache = new TicketStateCache();
    cache.set('ticket-1', { state: state(1), version: 5, customerVersion: 5 });
    cache.set('ticket-1', { state: state(1), version: 4, customerVersion: 4 });
    expect(cache.get('ticket-1')?.version).toBe(5);
  });
});
