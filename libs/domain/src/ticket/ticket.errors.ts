export const TICKET_ERROR_CODES = [
  'TICKET_NOT_FOUND',
  'TICKET_ALREADY_EXISTS',
  'TICKET_CLOSED',
  'TICKET_ALREADY_CLOSED',
  'MESSAGE_REQUIRED',
  'MESSAGE_NOT_FOUND',
  'ROLE_NOT_ALLOWED',
  'INVALID_STATUS_TRANSITION',
  'MESSAGE_LIMIT_REACHED',
  'ATTACHMENT_LIMIT_REACHED',
  'INVALID_PRIORITY',
  'MESSAGE_ID_OUT_OF_ORDER',
  'NOTE_REQUIRED',
  'NOTE_LIMIT_REACHED',
  'NOTE_NOT_FOUND',
] as const;

export type TicketErrorCode = (typeof TICKET_ERROR_CODES)[number];

export class TicketError extends Error {
  constructor(
    readonly code: TicketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TicketError';
  }
}

export const TicketErrors = {
  notFound: (ticketId: number) =>
    new TicketError('TICKET_NOT_FOUND', `Ticket ${ticketId} was not found.`),
  alreadyExists: (ticketId: number) =>
    new TicketError('TICKET_ALREADY_EXISTS', `Ticket ${ticketId} already exists.`),
  closed: () =>
    new TicketError(
      'TICKET_CLOSED',
      'Ticket is closed; no further messages or attachments can be added.',
    ),
  alreadyClosed: () => new TicketError('TICKET_ALREADY_CLOSED', 'Ticket is already closed.'),
  messageRequired: () => new TicketError('MESSAGE_REQUIRED', 'Message is required.'),
  messageNotFound: (messageId: number) =>
    new TicketError('MESSAGE_NOT_FOUND', `Message ${messageId} was not found on this ticket.`),
  staffOnly: (action: string) =>
    new TicketError('ROLE_NOT_ALLOWED', `Only the support team can ${action}.`),
  invalidTransition: (from: string, to: string) =>
    new TicketError('INVALID_STATUS_TRANSITION', `A ${from} ticket cannot move to ${to}.`),
  messageLimitReached: (limit: number) =>
    new TicketError(
      'MESSAGE_LIMIT_REACHED',
      `Ticket has reached its limit of ${limit.toLocaleString('en-US')} messages; open a new ticket to continue.`,
    ),
  /** An id taken before another instance's later message on this ticket: the caller gives it a new id. */
  messageIdOutOfOrder: (messageId: number, lastMessageId: number) =>
    new TicketError(
      'MESSAGE_ID_OUT_OF_ORDER',
      `Message id ${messageId} is not above the ticket's last message id ${lastMessageId}.`,
    ),
  noteNotFound: (noteId: number) =>
    new TicketError('NOTE_NOT_FOUND', `Note ${noteId} was not found on this ticket.`),
  noteRequired: () => new TicketError('NOTE_REQUIRED', 'Note is required.'),
  noteLimitReached: (limit: number) =>
    new TicketError(
      'NOTE_LIMIT_REACHED',
      `Ticket has reached its limit of ${limit.toLocaleString('en-US')} internal notes.`,
    ),
  invalidPriority: (priority: string) =>
    new TicketError('INVALID_PRIORITY', `${priority} is not a priority.`),
  attachmentLimitReached: (limit: number) =>
    new TicketError(
      'ATTACHMENT_LIMIT_REACHED',
      `Ticket has reached its limit of ${limit.toLocaleString('en-US')} attachments; open a new ticket to continue.`,
    ),
};
