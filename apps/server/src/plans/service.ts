// The plans capability's use cases, one concern a file.
export * from './difficulties.ts';
export * from './occurrences.ts';
export * from './progress.ts';
export * from './views.ts';
export * from './write-plans.ts';
