export * from './shared/actor';
export * from './shared/event-metadata';
export * from './ticket/ticket-status';
export * from './ticket/ticket.events';
export * from './ticket/ticket.commands';
export * from './ticket/ticket.errors';
export * from './ticket/ticket.state';
export * from './ticket/ticket.decider';
