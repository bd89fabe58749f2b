import type { Capability } from '../capability.ts';
import { seedSupervisionDemo } from './demo.ts';
import { supervisionRoutes } from './routes.ts';

/** Giám sát, phản biện xã hội: MTTQ's and Ban XDĐ's entries with findings, answered by the commune. */
export const supervision: Capability = {
  name: 'supervision',
  routes: supervisionRoutes,
  demo: seedSupervisionDemo,
  permissions: ['supervision.record', 'supervision.answer'],
};
