import type { Capability } from '../capability.ts';
import { publicRoutes } from './routes.ts';

/** The citizens' pages of a commune: who the commune is (each capability adds its own public routes). */
export const publicPages: Capability = { name: 'public', routes: publicRoutes };
