export * from './chain-encoding';
export * from './chain-rows';
export * from './checkpoints';
export * from './stream-chain.checker';
export * from './chain-verifier';
