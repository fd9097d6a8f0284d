-- Dispatchers keep the endpoint set in memory; every change to it tells them at commit, so that an event no endpoint wants costs no query.
CREATE FUNCTION notify_webhook_endpoints_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('webhook_endpoints_changed', '');
  RETURN NULL;
END;
$$;

CREATE TRIGGER webhook_endpoints_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON webhook_endpoints
  FOR EACH STATEMENT EXECUTE FUNCTION notify_webhook_endpoints_changed();
