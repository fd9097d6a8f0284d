-- The staff queue: one partial index per view, in queue order (priority, then the oldest last message first).
CREATE INDEX tickets_queue_open ON read_model.tickets (priority_rank, last_message_at, ticket_id)
  WHERE status <> 'Closed';
CREATE INDEX tickets_queue_unassigned ON read_model.tickets (priority_rank, last_message_at, ticket_id)
  WHERE status <> 'Closed' AND assignee_agent_id IS NULL AND assignee_group IS NULL;
CREATE INDEX tickets_queue_awaiting_staff ON read_model.tickets (priority_rank, last_message_at, ticket_id)
  WHERE status <> 'Closed' AND last_author = 'customer';
CREATE INDEX tickets_queue_by_agent
  ON read_model.tickets (assignee_agent_id, priority_rank, last_message_at, ticket_id)
  WHERE status <> 'Closed' AND assignee_agent_id IS NOT NULL;
CREATE INDEX tickets_queue_by_group
  ON read_model.tickets (assignee_group, priority_rank, last_message_at, ticket_id)
  WHERE status <> 'Closed' AND assignee_group IS NOT NULL;
