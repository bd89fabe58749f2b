import type { Capability } from '../capability.ts';
import { seedCityDemo } from './demo.ts';
import { cityRoutes } from './routes.ts';

/** The city's workspace (Sở Nội vụ): its communes side by side, appraisal, targets, publishing. */
export const city: Capability = {
  name: 'city',
  routes: cityRoutes,
  demo: seedCityDemo,
  permissions: ['city.view', 'city.manage', 'city.resubmit'],
};
