import { canonicalJson, eventHash, metadataForChain, sha256Hex } from './chain-encoding';
import type { ChainedEventContent } from './chain-encoding';

describe('the canonical encoding of the chain', () => {
  it('orders keys as jsonb prints them: shorter first, then by bytes', () => {
    expect(canonicalJson({ message: 'm', ticketId: 1, b: true, a: null, é: 1, z: 2 })).toBe(
      '{"a": null, "b": true, "z": 2, "é": 1, "message": "m", "ticketId": 1}',
    );
  });

  it('escapes strings as jsonb prints them and nests arrays and objects', () => {
    expect(canonicalJson(['a"b\\c\n\t\u0001é', [], {}, [1, { x: [] }]])).toBe(
      '["a\\"b\\\\c\\n\\t\\u0001é", [], {}, [1, {"x": []}]]',
    );
  });

  it('refuses numbers it could not print as PostgreSQL does', () => {
    expect(() => canonicalJson(1.5)).toThrow(/integer/);
  });

  it('holds the acting key id by its digest only', () => {
    const metadata = {
      actor: { role: 'staff', accountId: 'a', apiKeyId: 'k1' },
      correlationId: 'c',
    };
    expect(metadataForChain(metadata)).toEqual({
      actor: { role: 'staff', accountId: 'a', apiKeyId: `sha256:${sha256Hex('k1')}` },
      correlationId: 'c',
    });
    expect(metadataForChain({ actor: { apiKeyId: null } })).toEqual({ actor: { apiKeyId: null } });
  });

  it('changes the hash when any byte of the content or the previous hash changes', () => {
    const event: ChainedEventContent = {
      eventId: '00000000-0000-4000-8000-000000000001',
      streamId: 'ticket-1',
      version: 2,
      globalPosition: '7',
      type: 'MessageAdded',
      schemaVersion: 1,
      occurredAt: '2026-01-01T00:00:00.000000Z',
      recordedAt: '2026-01-01T00:00:00.000001Z',
      dataText: canonicalJson({ message: 'hello' }),
      metadataText: canonicalJson({}),
    };
    const hash = eventHash(null, event);
    expect(eventHash(null, { ...event, dataText: canonicalJson({ message: 'hellp' }) })).not.toBe(
      hash,
    );
    expect(eventHash(hash, event)).not.toBe(hash);
    expect(eventHash(null, { ...event, version: 3 })).not.toBe(hash);
  });
});
