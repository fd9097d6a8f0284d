-- The change feed reads events in (transaction_id, global_position) order, only below the oldest running
-- transaction, so an event whose transaction commits late is never skipped.
ALTER TABLE events ADD COLUMN transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id();
ALTER TABLE events ADD COLUMN account_id TEXT;

-- The account of a ticket is in its TicketOpened event; every event of the stream carries it for the feed.
CREATE FUNCTION events_account_of_stream() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.event_type = 'TicketOpened' THEN
    NEW.account_id := NEW.data ->> 'accountId';
  ELSE
    SELECT account_id INTO NEW.account_id FROM events
    WHERE stream_id = NEW.stream_id AND stream_version = 1;
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER events_account_id BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION events_account_of_stream();

ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete;
UPDATE events e SET account_id = o.data ->> 'accountId'
FROM events o
WHERE o.stream_id = e.stream_id AND o.event_type = 'TicketOpened';
ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete;

CREATE INDEX events_feed_order ON events (transaction_id, global_position);
CREATE INDEX events_feed_by_account ON events (account_id, transaction_id, global_position);

CREATE TABLE webhook_endpoints (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id TEXT NOT NULL,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  -- NULL: every event type
  event_types TEXT[],
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  disabled_at TIMESTAMPTZ,
  disabled_reason TEXT
);
CREATE INDEX webhook_endpoints_by_account ON webhook_endpoints (account_id) WHERE disabled_at IS NULL;

CREATE TABLE webhook_deliveries (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  endpoint_id BIGINT NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  event_id UUID NOT NULL,
  stream_id TEXT NOT NULL,
  global_position BIGINT NOT NULL,
  event_type TEXT NOT NULL,
  payload JSONB NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed')),
  attempts INT NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  lease_until TIMESTAMPTZ,
  retry_until TIMESTAMPTZ NOT NULL,
  last_attempt_at TIMESTAMPTZ,
  last_status_code INT,
  last_error TEXT,
  delivered_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT webhook_deliveries_once UNIQUE (endpoint_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_ticket_order ON webhook_deliveries (endpoint_id, stream_id, global_position)
  WHERE status = 'pending';
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, id DESC);
