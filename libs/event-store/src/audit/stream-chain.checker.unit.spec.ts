import { canonicalJson, eventHash } from './chain-encoding';
import type { ChainedEvent } from './chain-rows';
import { StreamChainChecker } from './stream-chain.checker';

/** A correctly chained stream of `count` events. */
function aChain(streamId: string, count: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash: string | null = null;
  for (let version = 1; version <= count; version++) {
    const content = {
      eventId: `00000000-0000-4000-8000-00000000000${version}`,
      streamId,
      version,
      globalPosition: String(version),
      type: 'MessageAdded',
      schemaVersion: 1,
      occurredAt: '2026-01-01T00:00:00.000000Z',
      recordedAt: '2026-01-01T00:00:00.000000Z',
      dataText: canonicalJson({ message: `m${version}` }),
      metadataText: '{}',
      metadata: {},
    };
    const hash = eventHash(prevHash, content);
    events.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return events;
}

const kinds = (events: ChainedEvent[]) => {
  const checker = new StreamChainChecker();
  return events.flatMap((e) => checker.check(e).map((f) => `${f.kind} v${f.version}`));
};

describe('checking a stream against its chain', () => {
  it('passes an untouched stream', () => {
    expect(kinds([...aChain('ticket-1', 4), ...aChain('ticket-2', 2)])).toEqual([]);
  });

  it('names a changed event and only it', () => {
    const events = aChain('ticket-1', 4);
    events[1] = { ...events[1], dataText: canonicalJson({ message: 'forged' }) };
    expect(kinds(events)).toEqual(['changed v2']);
  });

  it('names the event after a deleted one', () => {
    const events = aChain('ticket-1', 4);
    expect(kinds([events[0], events[2], events[3]])).toEqual(['deleted v3']);
  });

  it('names an inserted event without a hash', () => {
    const events = aChain('ticket-1', 3);
    const inserted = { ...events[2], version: 4, hash: null };
    expect(kinds([...events, inserted])).toEqual(['inserted v4']);
  });

  it('names reordered events by the version they were chained as', () => {
    const events = aChain('ticket-1', 4);
    const swapped = [
      events[0],
      { ...events[2], version: 2 },
      { ...events[1], version: 3 },
      events[3],
    ];
    expect(kinds(swapped)).toEqual(['reordered v2', 'reordered v3', 'relinked v4']);
  });

  it('names an event whose predecessor was replaced with a rehashed one', () => {
    const events = aChain('ticket-1', 3);
    const replaced = { ...events[1], dataText: canonicalJson({ message: 'forged' }) };
    replaced.hash = eventHash(replaced.prevHash, replaced);
    expect(kinds([events[0], replaced, events[2]])).toEqual(['relinked v3']);
  });
});
