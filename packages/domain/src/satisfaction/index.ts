export * from './conduct.ts';
export * from './dossiers.ts';
export * from './floods.ts';
export * from './given-day.ts';
export * from './indices.ts';
export * from './questionnaire.ts';
export * from './range.ts';
