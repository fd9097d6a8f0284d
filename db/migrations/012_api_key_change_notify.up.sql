-- Instances cache API-key lookups; every change to a key tells them at commit, so a revoked key is 401 at once.
CREATE FUNCTION notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('api_key_changed', encode(OLD.key_hash, 'hex'));
  RETURN NULL;
END;
$$;

CREATE TRIGGER api_key_changed AFTER UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION notify_api_key_changed();
