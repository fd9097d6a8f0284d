-- Agents: the people behind staff keys, created on a key's first use of their name; groups route assignment.
CREATE TABLE agents (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE agent_groups (
  agent_id BIGINT NOT NULL REFERENCES agents (id),
  group_name TEXT NOT NULL,
  PRIMARY KEY (agent_id, group_name)
);
CREATE INDEX agent_groups_by_group ON agent_groups (group_name);

ALTER TABLE api_keys ADD COLUMN agent_id BIGINT REFERENCES agents (id);
ALTER TABLE api_keys ADD CONSTRAINT only_staff_keys_have_an_agent CHECK (role = 'staff' OR agent_id IS NULL);
