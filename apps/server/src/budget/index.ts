import type { Capability } from '../capability.ts';
import { seedBudgetDemo } from './demo.ts';
import { budgetMeasures } from './measures.ts';
import { budgetRoutes } from './routes.ts';

/** Budget (kinh phí): the year's estimate, its lines, the leader's approval, the spending. */
export const budget: Capability = {
  name: 'budget',
  routes: budgetRoutes,
  measures: budgetMeasures,
  demo: seedBudgetDemo,
  permissions: ['budget.manage', 'budget.approve', 'budget.approve_city'],
};
