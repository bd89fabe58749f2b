import type { Capability } from '../capability.ts';
import { seedVillageDemo } from './demo.ts';
import { villageMeasures } from './measures.ts';
import { villagesRoutes } from './routes.ts';

/** Villages: the yearly "Thôn văn hóa" assessments, entered by village heads, reviewed by Phòng VH-XH. */
export const villages: Capability = {
  name: 'villages',
  routes: villagesRoutes,
  measures: villageMeasures,
  demo: seedVillageDemo,
  permissions: ['villages.assess', 'villages.review'],
};
