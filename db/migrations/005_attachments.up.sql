-- Uploads in flight: a row is written before the first byte goes to object storage and deleted once the
-- AttachmentAdded event is appended or the object is gone again. A row that outlives the grace period marks
-- what a crash left behind (an object, or an unfinished multipart upload) for the orphan sweeper.
CREATE TABLE attachment_uploads (
  object_key TEXT PRIMARY KEY,
  ticket_id BIGINT NOT NULL,
  started_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX attachment_uploads_by_start ON attachment_uploads (started_at);
