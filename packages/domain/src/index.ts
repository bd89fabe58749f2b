export * from './auth/password-policy.ts';
export * from './org/permissions.ts';
export * from './org/roles.ts';
export * from './text/fold.ts';
