DROP INDEX read_model.tickets_queue_by_group;
DROP INDEX read_model.tickets_queue_by_agent;
DROP INDEX read_model.tickets_queue_awaiting_staff;
DROP INDEX read_model.tickets_queue_unassigned;
DROP INDEX read_model.tickets_queue_open;
