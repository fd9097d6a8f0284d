ALTER TABLE api_keys DROP CONSTRAINT only_staff_keys_have_an_agent;
ALTER TABLE api_keys DROP COLUMN agent_id;
DROP TABLE agent_groups;
DROP TABLE agents;
