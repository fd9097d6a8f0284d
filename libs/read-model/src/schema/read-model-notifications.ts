/**
 * Notified at the commit of every projector transaction, with `<schema>:<ticketId>` as the payload: a read that
 * waits for a ticket's version (minVersion) wakes on its ticket's commits instead of polling.
 */
export const READ_MODEL_CHANNEL = 'read_model_advanced';

export const readModelNotificationKey = (schema: string, ticketId: number): string =>
  `${schema}:${ticketId}`;
