import type { Capability } from '../capability.ts';
import { seedOutreachDemo } from './demo.ts';
import { outreachMeasures } from './measures.ts';
import { outreachRoutes } from './routes.ts';

/** Outreach (tuyên truyền): activities and their coverage, the library, good examples. */
export const outreach: Capability = {
  name: 'outreach',
  routes: outreachRoutes,
  measures: outreachMeasures,
  demo: seedOutreachDemo,
  permissions: ['outreach.record', 'outreach.manage', 'outreach.examples'],
};
