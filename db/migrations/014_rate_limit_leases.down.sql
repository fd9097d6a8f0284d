ALTER TABLE api_key_rate_limits DROP COLUMN granted;
