-- Read models, built by the projector from the ticket-event topic. A rebuild fills read_model_next and swaps schemas.
CREATE SCHEMA read_model;

CREATE TABLE read_model.tickets (
  ticket_id BIGINT PRIMARY KEY,
  account_id TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  topic TEXT NOT NULL,
  property_id TEXT,
  status TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  resolved_at TIMESTAMPTZ,
  closed_at TIMESTAMPTZ,
  message_count INT NOT NULL DEFAULT 0,
  version INT NOT NULL
);
CREATE INDEX tickets_by_account ON read_model.tickets (account_id, ticket_id DESC);
CREATE INDEX tickets_by_account_status ON read_model.tickets (account_id, status, ticket_id DESC);
CREATE INDEX tickets_by_account_topic ON read_model.tickets (account_id, topic, ticket_id DESC);

CREATE TABLE read_model.messages (
  message_id BIGINT PRIMARY KEY,
  ticket_id BIGINT NOT NULL,
  message TEXT NOT NULL,
  author_type TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_by_ticket ON read_model.messages (ticket_id, message_id);

CREATE TABLE read_model.attachments (
  attachment_id BIGINT PRIMARY KEY,
  ticket_id BIGINT NOT NULL,
  message_id BIGINT,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  object_key TEXT NOT NULL,
  uploaded_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX attachments_by_ticket ON read_model.attachments (ticket_id, attachment_id);

CREATE TABLE projector_dead_letters (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  topic TEXT NOT NULL,
  kafka_partition INT NOT NULL,
  kafka_offset BIGINT NOT NULL,
  message_key TEXT,
  payload TEXT NOT NULL,
  error TEXT NOT NULL,
  failed_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
