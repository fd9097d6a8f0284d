-- ticket-api signs each checkpoint's hash (Ed25519, AUDIT_SIGNING_KEYS): rewriting checkpoints needs the key,
-- which the database never holds.
CREATE TABLE audit_checkpoint_signatures (
  checkpoint_id BIGINT PRIMARY KEY REFERENCES audit_checkpoints (id),
  key_id TEXT NOT NULL,
  signature BYTEA NOT NULL
);
CREATE TRIGGER audit_checkpoint_signatures_no_update_or_delete BEFORE UPDATE OR DELETE
  ON audit_checkpoint_signatures FOR EACH ROW EXECUTE FUNCTION events_are_immutable();
CREATE TRIGGER audit_checkpoint_signatures_no_truncate BEFORE TRUNCATE ON audit_checkpoint_signatures
  FOR EACH STATEMENT EXECUTE FUNCTION events_are_immutable();
