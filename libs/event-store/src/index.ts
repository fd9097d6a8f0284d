export * from './event-store.port';
export * from './event-envelope';
export * from './pg-event-store';
export * from './outbox-publisher.port';
export * from './kafka-outbox.publisher';
export * from './outbox-relay';
export * from './event-consumer.app';
