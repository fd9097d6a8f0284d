/** A ticket's events form one stream, named after the ticket: `ticket-42`. */
const PREFIX = 'ticket-';
const TICKET_STREAM = /^ticket-(\d{1,15})$/;

export const ticketStreamId = (ticketId: number): string => `${PREFIX}${ticketId}`;

export const isTicketStreamId = (streamId: string): boolean => TICKET_STREAM.test(streamId);

/** The ticket id a stream is named after (NaN when it is not a ticket's stream). */
export const ticketIdOfStream = (streamId: string): number =>
  Number(TICKET_STREAM.exec(streamId)?.[1] ?? NaN);

/** The ticket streams in SQL: a LIKE pattern, and the position where the id starts (1-based). */
export const TICKET_STREAMS_LIKE = `${PREFIX}%`;
export const TICKET_ID_FROM = PREFIX.length + 1;
