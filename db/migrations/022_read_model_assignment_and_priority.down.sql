ALTER TABLE read_model.tickets
  DROP COLUMN last_message_at,
  DROP COLUMN last_author,
  DROP COLUMN assignee_group,
  DROP COLUMN assignee_name,
  DROP COLUMN assignee_agent_id,
  DROP COLUMN priority_rank,
  DROP COLUMN priority;
