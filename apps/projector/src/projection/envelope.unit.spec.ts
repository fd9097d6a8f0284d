import { classifyFailure, parseTicketEnvelope, PoisonEventError } from './envelope';

const anEnvelope = (overrides: Record<string, unknown> = {}) => ({
  eventId: '6b0f8c4e-0000-4000-8000-000000000001',
  globalPosition: '42',
  streamId: 'ticket-789',
  streamVersion: 3,
  recordedAt: '2025-01-15T10:00:00.000Z',
  type: 'MessageAdded',
  schemaVersion: 1,
  data: { ticketId: 789 },
  metadata: { occurredAt: '2025-01-15T10:00:00.000Z' },
  ...overrides,
});

describe("parseTicketEnvelope (the event store's parseEnvelope, for ticket and account streams)", () => {
  it('accepts what the outbox relay publishes', () => {
    expect(parseTicketEnvelope(anEnvelope())).toEqual(anEnvelope());
  });

  it("accepts an account's erasure, which the projector applies to the account's tickets", () => {
    const erasure = anEnvelope({
      streamId: 'account-123',
      streamVersion: 1,
      type: 'AccountDataErased',
      data: { accountId: '123', generations: 1 },
    });
    expect(parseTicketEnvelope(erasure)).toEqual(erasure);
  });

  it.each([
    ['a string', 'not json {'],
    ['null', null],
    ['an array', []],
    ['another stream', anEnvelope({ streamId: 'agent-1' })],
    ['version 0', anEnvelope({ streamVersion: 0 })],
    ['a fractional version', anEnvelope({ streamVersion: 1.5 })],
    ['no type', anEnvelope({ type: undefined })],
    ['no schema version', anEnvelope({ schemaVersion: '1' })],
    ['no data', anEnvelope({ data: null })],
    ['no metadata', anEnvelope({ metadata: 'x' })],
    ['no event id', anEnvelope({ eventId: undefined })],
    ['a numeric global position', anEnvelope({ globalPosition: 42 })],
    ['no recording time', anEnvelope({ recordedAt: null })],
  ])('rejects %s as poison', (_what, payload) => {
    expect(() => parseTicketEnvelope(payload)).toThrow(PoisonEventError);
  });
});

describe('classifyFailure', () => {
  const pgError = (code: string) => Object.assign(new Error(code), { code });

  it.each([
    ['a poison event', new PoisonEventError('bad'), 'poison'],
    ['a not-null violation', pgError('23502'), 'poison'],
    ['a unique violation', pgError('23505'), 'poison'],
    ['an invalid timestamp', pgError('22007'), 'poison'],
    ['a serialization failure', pgError('40001'), 'transient'],
    ['a deadlock', pgError('40P01'), 'transient'],
    ['the database shutting down', pgError('57P01'), 'transient'],
    ['a missing table (migrations not run)', pgError('42P01'), 'transient'],
    ['a refused connection', pgError('ECONNREFUSED'), 'transient'],
    ['a dropped connection without a code', new Error('Connection terminated'), 'unknown'],
    ['a bug', new TypeError('x is undefined'), 'unknown'],
  ])('%s is %s', (_what, error, kind) => {
    expect(classifyFailure(error)).toBe(kind);
  });
});
