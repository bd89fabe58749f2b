import { assessments as c } from '@cqtt/contract/villages';
import { implement } from '../http/route.ts';
import { assessments } from './assessments.ts';
import { reviewAssessment, submitAssessment } from './review-assessment.ts';
import { yearTable, yearTableXlsx } from './year-table.ts';

/** HTTP of villages: the contract's endpoints (packages/contract/src/villages.ts) bound to its use cases. */
export const villagesRoutes = [
  implement(c.yearTable, { handler: ({ ctx, query }) => yearTable(ctx, query) }),
  implement(c.exportXlsx, { handler: ({ ctx, query, reply }) => yearTableXlsx(ctx, query, reply) }),
  implement(c.create, { handler: ({ ctx, body }) => assessments.create(ctx, body) }),
  implement(c.get, { handler: ({ ctx, params }) => assessments.get(ctx, params.id) }),
  implement(c.update, { handler: ({ ctx, params, body }) => assessments.update(ctx, params.id, body) }),
  implement(c.submit, { handler: ({ ctx, params }) => submitAssessment(ctx, params.id) }),
  implement(c.review, { handler: ({ ctx, params, body }) => reviewAssessment(ctx, params.id, body) }),
];
