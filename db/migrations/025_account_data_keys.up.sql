-- Crypto-shredding (issue 20): personal fields of events are encrypted with a key per account and generation,
-- stored wrapped by a master key of DATA_MASTER_KEYS. Erasing an account destroys its wrapped keys (wrapped
-- NULL, erased_at set); the row stays so every reader knows the ciphertext under it is erased, not missing.
CREATE TABLE account_data_keys (
  account_id TEXT NOT NULL,
  generation INT NOT NULL,
  master_key_id TEXT,
  wrapped BYTEA,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  erased_at TIMESTAMPTZ,
  PRIMARY KEY (account_id, generation),
  CONSTRAINT account_data_keys_wrapped_or_erased
    CHECK ((wrapped IS NULL) = (erased_at IS NOT NULL) AND (wrapped IS NULL) = (master_key_id IS NULL))
);

-- Each instance caches unwrapped keys; a change tells them at commit, with the account as the payload.
CREATE FUNCTION notify_account_data_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('account_data_key_changed', coalesce(NEW.account_id, OLD.account_id));
  RETURN NULL;
END;
$$;

CREATE TRIGGER account_data_key_changed AFTER INSERT OR UPDATE OR DELETE ON account_data_keys
  FOR EACH ROW EXECUTE FUNCTION notify_account_data_key_changed();
