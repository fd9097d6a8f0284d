DROP TRIGGER api_key_changed ON api_keys;
DROP FUNCTION notify_api_key_changed();
