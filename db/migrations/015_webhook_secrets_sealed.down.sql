-- Sealed secrets cannot be opened in SQL: going back needs every secret in the clear again, which only
-- re-registering the endpoints gives. Refuse rather than lose them.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM webhook_endpoints WHERE secret IS NULL) THEN
    RAISE EXCEPTION 'webhook_endpoints has sealed secrets; delete or re-register those endpoints first';
  END IF;
END;
$$;

DROP INDEX webhook_endpoints_by_secret_key;
ALTER TABLE webhook_endpoints
  DROP CONSTRAINT webhook_endpoints_have_a_secret,
  DROP CONSTRAINT webhook_endpoints_sealed_with_a_key,
  ALTER COLUMN secret SET NOT NULL,
  DROP COLUMN secret_key_id,
  DROP COLUMN secret_ciphertext;
