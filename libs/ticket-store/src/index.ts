export * from './id-allocator';
export * from './keyed-mutex';
export * from './request-context';
export * from './ticket-command.runner';
export * from './ticket-state.cache';
export * from './ticket-store.errors';
export * from './ticket-owner';
export * from './ticket-event-store.provider';
