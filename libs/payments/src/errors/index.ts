export * from './payments-error-code.js';
export * from './payments.error.js';
