import type { Capability } from '../capability.ts';
import { seedRewardsDemo } from './demo.ts';
import { rewardMeasures } from './measures.ts';
import { rewardsRoutes } from './routes.ts';

/** Rewards (khen thưởng): nominations, MTTQ's comments, the leader's decisions and their DOCX. */
export const rewards: Capability = {
  name: 'rewards',
  routes: rewardsRoutes,
  measures: rewardMeasures,
  demo: seedRewardsDemo,
  permissions: ['rewards.nominate', 'rewards.comment', 'rewards.decide'],
};
