export * from './order.js';
export * from './next-steps.js';
