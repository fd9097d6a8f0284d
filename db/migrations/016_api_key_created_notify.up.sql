-- Instances also remember unknown keys for a few seconds; a key's creation tells them at commit, so a key
-- looked up before it existed works as soon as it is created.
CREATE OR REPLACE FUNCTION notify_api_key_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM pg_notify('api_key_changed', encode(NEW.key_hash, 'hex'));
  ELSE
    PERFORM pg_notify('api_key_changed', encode(OLD.key_hash, 'hex'));
  END IF;
  RETURN NULL;
END;
$$;

CREATE OR REPLACE TRIGGER api_key_changed AFTER INSERT OR UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION notify_api_key_changed();
