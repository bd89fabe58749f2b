import { commune } from '@cqtt/contract/public';
import { implement } from '../http/route.ts';
import { findCommuneByCode } from '../org/store.ts';

/** The commune as its citizens' pages show it. */
export const publicRoutes = [
  implement(commune, {
    handler: async ({ ctx, params }) => {
      const c = await findCommuneByCode(ctx.db, params.communeCode);
      return { code: c.code, name: c.name, kind: c.kind, city: { code: c.cityCode, name: c.cityName } };
    },
  }),
];

// Kept for the capabilities not yet moved (satisfaction, feedback): the lookup lives in org, the
// address's schema in the contract. Wave two imports those directly and deletes these lines.
export { communeCodeParams } from '@cqtt/contract/shared';
export { findCommuneByCode as findPublicCommune } from '../org/store.ts';
