export * from './pg-webhook-store';
export * from './target-policy';
export * from './webhook-signature';
export * from './webhook.views';
export * from './webhook-secret-keyring';
export * from './webhook-endpoint-set';
