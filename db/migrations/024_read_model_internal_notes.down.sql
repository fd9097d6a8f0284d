DROP INDEX read_model.messages_customer_thread;
ALTER TABLE read_model.tickets DROP COLUMN note_count, DROP COLUMN customer_version;
ALTER TABLE read_model.attachments DROP COLUMN internal;
ALTER TABLE read_model.messages DROP COLUMN internal;
