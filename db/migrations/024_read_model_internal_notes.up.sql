-- Internal notes share the thread with replies, marked internal; a customer's version and message count
-- leave out every staff-only event (notes, assignment, priority), so its ETag moves only with what it sees.
ALTER TABLE read_model.messages ADD COLUMN internal BOOLEAN NOT NULL DEFAULT false;
-- a note's files: message_id is the note's id, so a staff thread shows them with it
ALTER TABLE read_model.attachments ADD COLUMN internal BOOLEAN NOT NULL DEFAULT false;
-- the staff-only events counted, not the customer's: a projector of the previous release (a rolling upgrade)
-- moves version alone, and the customer's version still follows every event it sees
ALTER TABLE read_model.tickets
  ADD COLUMN staff_only_events INT NOT NULL DEFAULT 0,
  ADD COLUMN note_count INT NOT NULL DEFAULT 0;

-- tickets projected before: their assignments and priority changes up to the row's version
UPDATE read_model.tickets t
   SET staff_only_events = (
     SELECT count(*) FROM events e
      WHERE e.stream_id = 'ticket-' || t.ticket_id AND e.stream_version <= t.version
        AND e.event_type IN ('TicketAssigned', 'TicketPriorityChanged'));

ALTER TABLE read_model.tickets
  ADD COLUMN customer_version INT GENERATED ALWAYS AS (version - staff_only_events) STORED;

-- a customer's pages of the thread, in thread order, without the notes
CREATE INDEX messages_customer_thread ON read_model.messages (ticket_id, message_id) WHERE NOT internal;
