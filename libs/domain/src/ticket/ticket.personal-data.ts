import type { TicketEventType } from './ticket.events';

/**
 * The fields of each event type that hold personal data: sealed with the account's key before the append,
 * read as "[erased]" once `audit -- forget-account` destroyed it. A new event type with such a field adds its
 * line here.
 */
export const TICKET_PERSONAL_FIELDS: Readonly<Partial<Record<TicketEventType, readonly string[]>>> =
  {
    TicketOpened: ['subject', 'description'],
    MessageAdded: ['message'],
    AttachmentAdded: ['fileName'],
    InternalNoteAdded: ['note'],
    NoteAttachmentAdded: ['fileName'],
  };
