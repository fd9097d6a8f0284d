-- Outcomes of `projector dead-letters retry`, per consumer group: the CLI is a short-lived process,
-- so it counts here and every projector exports the counts as projector_dead_letter_retries_total.
CREATE TABLE projector_dead_letter_retries (
  consumer_group TEXT NOT NULL,
  outcome TEXT NOT NULL,
  count BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (consumer_group, outcome)
);

-- A token bucket per API key, shared by every ticket-api and attachment-service instance. UNLOGGED:
-- written on every request, and losing it in a crash only refills the buckets.
CREATE UNLOGGED TABLE api_key_rate_limits (
  api_key_id UUID PRIMARY KEY,
  tokens DOUBLE PRECISION NOT NULL,
  allowed BOOLEAN NOT NULL,
  refilled_at TIMESTAMPTZ NOT NULL
);
