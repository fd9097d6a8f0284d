DROP TRIGGER webhook_endpoints_changed ON webhook_endpoints;
DROP FUNCTION notify_webhook_endpoints_changed();
