export * from './categories.js';
export * from './common.js';
export * from './hit.js';
export * from './ack.js';
export * from './zone.js';
export * from './policy.js';
export * from './user.js';
export * from './accounts.js';
