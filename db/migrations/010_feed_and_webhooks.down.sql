DROP TABLE webhook_deliveries;
DROP TABLE webhook_endpoints;
DROP INDEX events_feed_by_account;
DROP INDEX events_feed_order;
DROP TRIGGER events_account_id ON events;
DROP FUNCTION events_account_of_stream();
ALTER TABLE events DROP COLUMN account_id;
ALTER TABLE events DROP COLUMN transaction_id;
