-- How many tokens the last statement on a bucket handed out: an instance leases several at a time.
ALTER TABLE api_key_rate_limits ADD COLUMN granted INTEGER NOT NULL DEFAULT 0;
