import { rewards as c } from '@cqtt/contract/rewards';
import { badRequest } from '../http/errors.ts';
import { implement } from '../http/route.ts';
import { communeName } from '../org/store.ts';
import { sendDocument } from '../register/export.ts';
import { comment, decide } from './decide-reward.ts';
import { rewardDecisionDocx } from './export-docx.ts';
import { rewards, rewardsXlsx } from './rewards.ts';

/** HTTP of rewards: the contract's endpoints (packages/contract/src/rewards.ts) bound to its use cases. */
export const rewardsRoutes = [
  implement(c.list, { handler: ({ ctx, query }) => rewards.list(ctx, query) }),
  implement(c.exportXlsx, {
    handler: ({ ctx, query, reply }) => rewards.xlsx(ctx, query, reply, rewardsXlsx),
  }),
  implement(c.create, { handler: ({ ctx, body }) => rewards.create(ctx, body) }),
  implement(c.get, { handler: ({ ctx, params }) => rewards.get(ctx, params.id) }),
  implement(c.update, { handler: ({ ctx, params, body }) => rewards.update(ctx, params.id, body) }),
  implement(c.comment, { handler: ({ ctx, params, body }) => comment(ctx, params.id, body.comment) }),
  implement(c.decide, { handler: ({ ctx, params, body }) => decide(ctx, params.id, body) }),
  implement(c.decisionDocx, {
    handler: async ({ ctx, params, reply }) => {
      const reward = await rewards.get(ctx, params.id);
      if (reward.status !== 'awarded') throw badRequest('Đề nghị này chưa có quyết định khen thưởng.');
      const commune = { name: await communeName(ctx.db, reward.communeId) };
      const bytes = await rewardDecisionDocx(reward, commune, reward.decidedBy?.fullName ?? '');
      const number = reward.decisionNumber.replace(/\//g, '-');
      return sendDocument(reply, 'docx', `Quyết định khen thưởng ${number}.docx`, bytes);
    },
  }),
];
