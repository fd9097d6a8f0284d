export * from './ticket-request';
export * from './ticket-http';
export * from './ticket-errors.http';
export * from './ticket-target.decorators';
