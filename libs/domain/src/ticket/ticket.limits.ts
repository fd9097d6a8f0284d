/** How much one ticket holds: its whole stream is folded on every cache miss, so it must stay bounded. */
export const TICKET_LIMITS = {
  messages: 5_000,
  attachments: 1_000,
  /** Counted apart from messages: a customer's limit must not depend on notes it cannot see. */
  notes: 1_000,
  /** Files on internal notes, counted apart from the attachments a customer sees for the same reason. */
  noteAttachments: 1_000,
} as const;
