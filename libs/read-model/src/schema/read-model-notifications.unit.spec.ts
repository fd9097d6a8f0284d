import {
  readModelNotificationKey,
  readModelNotificationKeys,
  readModelNotificationPayloads,
} from './read-model-notifications';

describe('read model notifications', () => {
  it("names every ticket advanced in one payload, each read back as that ticket's key", () => {
    const payloads = readModelNotificationPayloads('read_model', [7, 12, 7, 30]);

    expect(payloads).toEqual(['read_model:7,12,30']);
    expect(readModelNotificationKeys(payloads[0])).toEqual(
      [7, 12, 30].map((id) => readModelNotificationKey('read_model', id)),
    );
  });

  it('a payload of one ticket is that ticket’s key, as readers of the previous release expect', () => {
    expect(readModelNotificationPayloads('rm_x', [5])).toEqual([
      readModelNotificationKey('rm_x', 5),
    ]);
  });

  it('splits tickets that do not fit under PostgreSQL’s 8000-byte payload limit', () => {
    const ids = Array.from({ length: 2_000 }, (_, i) => 1_000_000_000 + i);

    const payloads = readModelNotificationPayloads('read_model', ids);

    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThan(8_000);
    expect(payloads.flatMap(readModelNotificationKeys)).toEqual(
      ids.map((id) => readModelNotificationKey('read_model', id)),
    );
  });

  it('sends nothing when no ticket advanced', () => {
    expect(readModelNotificationPayloads('read_model', [])).toEqual([]);
  });
});
