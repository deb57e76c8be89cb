export * from './fraction';
export * from './key';
export * from './pitch';
