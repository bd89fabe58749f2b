export * from './auth/password-policy.ts';
export * from './org/permissions.ts';
export * from './org/roles.ts';
export * from './plans/dates.ts';
export * from './plans/schedule.ts';
export * from './plans/status.ts';
export * from './satisfaction/index.ts';
export * from './text/fold.ts';
