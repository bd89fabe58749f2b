import type { Capability } from '../capability.ts';
import { orgRoutes } from './routes.ts';

/** The commune, its units and villages (the reference lists every other capability points to). */
export const org: Capability = {
  name: 'org',
  routes: orgRoutes,
  permissions: ['org.manage'],
};
