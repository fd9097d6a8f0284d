DROP SEQUENCE attachment_id_seq;
DROP SEQUENCE message_id_seq;
DROP SEQUENCE ticket_id_seq;
DROP TABLE outbox;
DROP TABLE events;
DROP FUNCTION events_are_immutable();
