import type { EventEnvelope } from '@app/event-store';

/** An event that can never be applied as it is: it goes to the dead-letter table, not back to the partition. */
export class PoisonEventError extends Error {
  override name = 'PoisonEventError';
}

export function parseEnvelope(payload: unknown): EventEnvelope {
  const e = payload as Partial<EventEnvelope> | null;
  const valid =
    typeof e === 'object' &&
    e !== null &&
    typeof e.streamId === 'string' &&
    /^ticket-\d+$/.test(e.streamId) &&
    Number.isInteger(e.streamVersion) &&
    typeof e.type === 'string' &&
    Number.isInteger(e.schemaVersion) &&
    typeof e.data === 'object' &&
    e.data !== null &&
    typeof e.metadata === 'object' &&
    e.metadata !== null;
  if (!valid) throw new PoisonEventError('not a ticket event envelope');
  return e as EventEnvelope;
}

/** Connection loss, shutdown, deadlock or serialization failure: worth a retry, unlike a bad event. */
export function isTransient(error: unknown): boolean {
  if (error instanceof PoisonEventError) return false;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return true;
  return (
    /^(08|53|57|58|40)/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT'].includes(code)
  );
}
