export * from './gaps.ts';
export * from './levels.ts';
export * from './points.ts';
export * from './set.ts';
