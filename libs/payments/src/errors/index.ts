export * from './payments-error-code.js';
export * from './payments.error.js';
export * from './gateway-client.errors.js';
export * from './subscription-action.errors.js';
