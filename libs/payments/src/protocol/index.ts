// The framework-free protocol core: nothing here imports Nest or TypeORM.
export * from './check-mac-value.js';
export * from './dotnet-url-encode.js';
export * from './gateway-fields.js';
export * from './gateway-profile.js';
export * from './html-template.js';
export * from './parse-form-body.js';
export * from './render-auto-submit-form.js';
export * from './taipei-time.js';
export * from './period-schedule.js';
export * from './taipei-calendar.js';
