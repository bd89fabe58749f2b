import { supervision as c } from '@cqtt/contract/supervision';
import { implement } from '../http/route.ts';
import { answerEntry, entries, entriesXlsx } from './entries.ts';

/** HTTP of supervision: the contract's endpoints (packages/contract/src/supervision.ts) bound to its use cases. */
export const supervisionRoutes = [
  implement(c.list, { handler: ({ ctx, query }) => entries.list(ctx, query) }),
  implement(c.exportXlsx, {
    handler: ({ ctx, query, reply }) => entries.xlsx(ctx, query, reply, entriesXlsx),
  }),
  implement(c.create, { handler: ({ ctx, body }) => entries.create(ctx, body) }),
  implement(c.get, { handler: ({ ctx, params }) => entries.get(ctx, params.id) }),
  implement(c.update, { handler: ({ ctx, params, body }) => entries.update(ctx, params.id, body) }),
  implement(c.remove, { handler: ({ ctx, params }) => entries.remove(ctx, params.id) }),
  implement(c.answer, { handler: ({ ctx, params, body }) => answerEntry(ctx, params.id, body) }),
];
