-- Webhook signing secrets at rest: AES-256-GCM ciphertext with the id of the key that sealed it
-- (WEBHOOK_SECRET_KEYS). The key is not the database's to know, so rows still in the clear are sealed by
-- ticket-api when it starts (PgWebhookStore.resealSecrets), which also re-seals rows of retired keys.
ALTER TABLE webhook_endpoints
  ADD COLUMN secret_ciphertext TEXT,
  ADD COLUMN secret_key_id TEXT,
  ALTER COLUMN secret DROP NOT NULL,
  ADD CONSTRAINT webhook_endpoints_sealed_with_a_key
    CHECK ((secret_ciphertext IS NULL) = (secret_key_id IS NULL)),
  ADD CONSTRAINT webhook_endpoints_have_a_secret
    CHECK (secret IS NOT NULL OR secret_ciphertext IS NOT NULL);

-- what the reseal at start looks for: rows in the clear, or sealed with a key other than the current one
CREATE INDEX webhook_endpoints_by_secret_key ON webhook_endpoints (secret_key_id);
