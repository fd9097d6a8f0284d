export * from './data-keys';
export * from './personal-data.codec';
export * from './personal-data.provider';
