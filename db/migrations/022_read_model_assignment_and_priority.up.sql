-- Priority, assignee and the last message's author and time of each ticket, for the ticket views and the queue.
ALTER TABLE read_model.tickets
  ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal',
  ADD COLUMN priority_rank SMALLINT GENERATED ALWAYS AS (
    CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END
  ) STORED,
  ADD COLUMN assignee_agent_id BIGINT,
  ADD COLUMN assignee_name TEXT,
  ADD COLUMN assignee_group TEXT,
  ADD COLUMN last_author TEXT,
  ADD COLUMN last_message_at TIMESTAMPTZ;

-- tickets projected before: the last message, else the opening (by its customer, as the seed's were)
UPDATE read_model.tickets t
   SET last_author = coalesce(m.author_type, 'customer'),
       last_message_at = coalesce(m.created_at, t.created_at)
  FROM read_model.tickets t2
  LEFT JOIN LATERAL (
    SELECT author_type, created_at FROM read_model.messages
     WHERE ticket_id = t2.ticket_id ORDER BY message_id DESC LIMIT 1
  ) m ON true
 WHERE t2.ticket_id = t.ticket_id;
