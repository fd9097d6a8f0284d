DROP INDEX read_model.messages_customer_thread;
ALTER TABLE read_model.tickets
  DROP COLUMN customer_version, DROP COLUMN note_count, DROP COLUMN staff_only_events;
ALTER TABLE read_model.attachments DROP COLUMN internal;
ALTER TABLE read_model.messages DROP COLUMN internal;
