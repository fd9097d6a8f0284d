/**
 * Notified at the commit of a projector transaction that advanced tickets, once per transaction (notifying
 * transactions commit one at a time), with `<schema>:<ticketId>[,<ticketId>...]` as the payload: a read that
 * waits for a ticket's version (minVersion) wakes on its ticket's commits instead of polling.
 */
export const READ_MODEL_CHANNEL = 'read_model_advanced';

/** The payload of a commit that may have changed every ticket of a schema (a rebuilt schema swapped in). */
export const everyTicketOf = (schema: string): string => `${schema}:*`;

/** PostgreSQL refuses payloads of 8000 bytes and more. */
const MAX_PAYLOAD_BYTES = 7_900;

export const readModelNotificationKey = (schema: string, ticketId: number): string =>
  `${schema}:${ticketId}`;

/** The payloads that announce these tickets: one, unless they do not fit in one. */
export function readModelNotificationPayloads(
  schema: string,
  ticketIds: readonly number[],
): string[] {
  const payloads: string[] = [];
  let ids: string[] = [];
  let length = schema.length + 1;
  for (const id of new Set(ticketIds)) {
    const text = String(id);
    if (ids.length > 0 && length + text.length + 1 > MAX_PAYLOAD_BYTES) {
      payloads.push(`${schema}:${ids.join(',')}`);
      ids = [];
      length = schema.length + 1;
    }
    ids.push(text);
    length += text.length + 1;
  }
  if (ids.length > 0) payloads.push(`${schema}:${ids.join(',')}`);
  return payloads;
}

/** The tickets' keys a payload announces (readModelNotificationKey of each). */
export function readModelNotificationKeys(payload: string): string[] {
  const colon = payload.lastIndexOf(':');
  if (colon < 0) return [];
  const schema = payload.slice(0, colon);
  return payload
    .slice(colon + 1)
    .split(',')
    .filter(Boolean)
    .map((id) => `${schema}:${id}`);
}
