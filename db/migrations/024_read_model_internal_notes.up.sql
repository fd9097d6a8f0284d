-- Internal notes share the thread with replies, marked internal; a customer's version and message count
-- leave out every staff-only event (notes, assignment, priority), so its ETag moves only with what it sees.
ALTER TABLE read_model.messages ADD COLUMN internal BOOLEAN NOT NULL DEFAULT false;
-- a note's files: message_id is the note's id, so a staff thread shows them with it
ALTER TABLE read_model.attachments ADD COLUMN internal BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE read_model.tickets
  ADD COLUMN customer_version INT NOT NULL DEFAULT 0,
  ADD COLUMN note_count INT NOT NULL DEFAULT 0;

-- tickets projected before: every event up to the row's version but the assignments and priority changes
UPDATE read_model.tickets t
   SET customer_version = t.version - (
     SELECT count(*) FROM events e
      WHERE e.stream_id = 'ticket-' || t.ticket_id AND e.stream_version <= t.version
        AND e.event_type IN ('TicketAssigned', 'TicketPriorityChanged'));

-- a customer's pages of the thread, in thread order, without the notes
CREATE INDEX messages_customer_thread ON read_model.messages (ticket_id, message_id) WHERE NOT internal;
