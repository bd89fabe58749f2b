export * from './auth/password-policy.ts';
export * from './budget/budget.ts';
export * from './org/permissions.ts';
export * from './org/roles.ts';
export * from './plans/dates.ts';
export * from './plans/schedule.ts';
export * from './plans/status.ts';
export * from './text/fold.ts';
