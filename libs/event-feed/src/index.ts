export * from './feed-cursor';
export * from './pg-event-feed';
export * from './public-event';
export * from './append-notifications';
