export * from './order.js';
export * from './next-steps.js';
export * from './effective-trail.js';
