import type { Capability } from '../capability.ts';
import { seedIndicesDemo } from './demo.ts';
import { indicesRoutes } from './routes.ts';

/** The official SIPAS and PAR INDEX results the city publishes (decision 0031: their one owner). */
export const indices: Capability = {
  name: 'indices',
  routes: indicesRoutes,
  demo: seedIndicesDemo,
  permissions: ['indices.manage'],
};
