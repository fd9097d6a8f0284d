-- The hash chain (docs/audit.md): each event's SHA-256 over its content and the hash of its stream's previous one.
ALTER TABLE events ADD COLUMN prev_hash BYTEA;
ALTER TABLE events ADD COLUMN hash BYTEA;

-- actor.apiKeyId is never shown by the API, so the chain holds its digest: an export proves it without showing it.
CREATE FUNCTION events_chain_metadata(metadata JSONB) RETURNS JSONB LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN jsonb_typeof(metadata #> '{actor,apiKeyId}') = 'string'
    THEN jsonb_set(metadata, '{actor,apiKeyId}',
      to_jsonb('sha256:' || encode(sha256(convert_to(metadata #>> '{actor,apiKeyId}', 'UTF8')), 'hex')))
    ELSE metadata END
$$;

CREATE FUNCTION events_chain_text(prev BYTEA, e events) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array('event/1', encode(coalesce(prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), 'hex'),
    e.event_id::text, e.stream_id, e.stream_version, e.global_position::text, e.event_type, e.schema_version,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.data, events_chain_metadata(e.metadata))::text
$$;

-- VOLATILE, so the lookup sees the rows inserted before this one by the same statement (several per stream).
CREATE FUNCTION events_chain() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  IF NEW.stream_version > 1 THEN
    SELECT hash INTO NEW.prev_hash FROM events
    WHERE stream_id = NEW.stream_id AND stream_version = NEW.stream_version - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'events: % version % has no previous event to chain to', NEW.stream_id, NEW.stream_version;
    END IF;
  ELSE
    NEW.prev_hash := NULL;
  END IF;
  NEW.hash := sha256(convert_to(events_chain_text(NEW.prev_hash, NEW), 'UTF8'));
  RETURN NEW;
END;
$$;

LOCK TABLE events IN SHARE ROW EXCLUSIVE MODE;

CREATE TRIGGER events_chain BEFORE INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION events_chain();

-- Existing events, chained in stream order.
ALTER TABLE events DISABLE TRIGGER events_no_update_or_delete;
DO $$
DECLARE
  e events;
  last_stream TEXT;
  last_hash BYTEA;
  chained BYTEA;
BEGIN
  FOR e IN SELECT * FROM events ORDER BY stream_id, stream_version LOOP
    IF e.stream_id IS DISTINCT FROM last_stream THEN
      last_hash := NULL;
    END IF;
    chained := sha256(convert_to(events_chain_text(last_hash, e), 'UTF8'));
    UPDATE events SET prev_hash = last_hash, hash = chained WHERE global_position = e.global_position;
    last_stream := e.stream_id;
    last_hash := chained;
  END LOOP;
END;
$$;
ALTER TABLE events ENABLE TRIGGER events_no_update_or_delete;

-- A checkpoint records the head of every stream changed in [from_xid, through_xid), chained to the one before.
CREATE TABLE audit_checkpoints (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_at TIMESTAMPTZ NOT NULL DEFAULT clock_timestamp(),
  from_xid xid8 NOT NULL,
  through_xid xid8 NOT NULL,
  head_count INT NOT NULL,
  heads_digest BYTEA NOT NULL,
  prev_hash BYTEA,
  hash BYTEA
);

CREATE TABLE audit_checkpoint_heads (
  checkpoint_id BIGINT NOT NULL REFERENCES audit_checkpoints (id),
  stream_id TEXT COLLATE "C" NOT NULL,
  stream_version INT NOT NULL,
  hash BYTEA,
  PRIMARY KEY (checkpoint_id, stream_id)
);
CREATE INDEX audit_checkpoint_heads_by_stream ON audit_checkpoint_heads (stream_id, checkpoint_id);

CREATE FUNCTION audit_checkpoint_text(prev BYTEA, c audit_checkpoints) RETURNS TEXT LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array('checkpoint/1', encode(coalesce(prev, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea), 'hex'),
    c.id::text, to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    c.from_xid::text, c.through_xid::text, c.head_count, encode(c.heads_digest, 'hex'))::text
$$;

CREATE FUNCTION audit_checkpoint_chain() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  SELECT hash INTO NEW.prev_hash FROM audit_checkpoints ORDER BY id DESC LIMIT 1;
  NEW.hash := sha256(convert_to(audit_checkpoint_text(NEW.prev_hash, NEW), 'UTF8'));
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_checkpoints_chain BEFORE INSERT ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION audit_checkpoint_chain();
CREATE TRIGGER audit_checkpoints_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_checkpoints
  FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
CREATE TRIGGER audit_checkpoint_heads_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_checkpoint_heads
  FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
CREATE TRIGGER audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();
CREATE TRIGGER audit_checkpoint_heads_no_truncate BEFORE TRUNCATE ON audit_checkpoint_heads
  FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();
