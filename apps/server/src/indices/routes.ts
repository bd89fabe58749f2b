import * as indices from '@cqtt/contract/indices';
import { attachmentHeader } from '../files/service.ts';
import { implement } from '../http/route.ts';
import { resolveCommuneId } from '../org/scope.ts';
import { importIndices, indicesTemplate } from './import.ts';
import { deleteIndex, listIndices, saveIndex } from './service.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** HTTP of the official indices: the contract's endpoints (packages/contract/src/indices.ts). */
export const indicesRoutes = [
  implement(indices.list, {
    handler: async ({ ctx, query }) =>
      listIndices(ctx.db, ctx.actor!, {
        ...query,
        communeId: query.communeId ? await resolveCommuneId(ctx.db, ctx.actor!, query.communeId) : undefined,
      }),
  }),
  implement(indices.save, { handler: ({ ctx, body }) => saveIndex(ctx, body) }),
  implement(indices.remove, { handler: ({ ctx, params }) => deleteIndex(ctx, params.id) }),
  implement(indices.template, {
    handler: async ({ ctx, query, reply }) => {
      reply
        .header('content-type', XLSX)
        .header('content-disposition', attachmentHeader(`Mau nhap chi so ${query.year}.xlsx`));
      return indicesTemplate(ctx, query.year);
    },
  }),
  implement(indices.importXlsx, { handler: ({ ctx, req }) => importIndices(ctx, req) }),
];
