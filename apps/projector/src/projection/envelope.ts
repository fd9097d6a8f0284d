import { isAccountStreamId, isTicketStreamId } from '@app/domain';
import { MalformedEnvelopeError, parseEnvelope } from '@app/event-store';
import type { EventEnvelope } from '@app/event-store';

/** An event that can never be applied as it is: it goes to the dead-letter table, not back to the partition. */
export class PoisonEventError extends Error {
  override name = 'PoisonEventError';
}

export function parseTicketEnvelope(payload: unknown): EventEnvelope {
  try {
    return parseEnvelope(
      payload,
      (streamId) => isTicketStreamId(streamId) || isAccountStreamId(streamId),
      'ticket event envelope',
    );
  } catch (error) {
    if (error instanceof MalformedEnvelopeError) throw new PoisonEventError(error.message);
    throw error;
  }
}

/**
 * poison: the event itself is bad (not an envelope, unknown type or version, rejected by a constraint);
 * transient: the database or the network failed, worth retrying for as long as it takes;
 * unknown: anything else, retried a few times while the database answers, then treated as poison.
 */
export type FailureKind = 'poison' | 'transient' | 'unknown';

const NETWORK_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND'];

export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof PoisonEventError) return 'poison';
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return 'unknown';
  // SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation) are the data's fault
  if (/^(22|23)[0-9A-Z]{3}$/.test(code)) return 'poison';
  if (/^[0-9A-Z]{5}$/.test(code) || NETWORK_CODES.includes(code)) return 'transient';
  return 'unknown';
}
