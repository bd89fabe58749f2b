import * as c from '@cqtt/contract/org';
import { notFound } from '../http/errors.ts';
import { implement } from '../http/route.ts';
import { units, villages } from './references.ts';
import * as store from './store.ts';

/** HTTP of the commune and its reference lists: the contract's endpoints bound to the use cases. */
export const orgRoutes = [
  implement(c.communes.list, {
    handler: async ({ ctx }) =>
      (await store.listCommunes(ctx.db, ctx.actor!)).map((row) => ({
        id: row.id,
        code: row.code,
        name: row.name,
        kind: row.kind,
        cityId: row.city_id,
        unitCount: row.unit_count,
        villageCount: row.village_count,
        userCount: row.user_count,
      })),
  }),
  implement(c.communes.get, {
    handler: async ({ ctx, params }) => {
      const c = await store.findCommune(ctx.db, ctx.actor!, params.id);
      if (!c) throw notFound('Xã, phường, đặc khu');
      return {
        id: c.id,
        code: c.code,
        name: c.name,
        kind: c.kind,
        cityId: c.city_id,
        city: { id: c.city_id, code: c.city_code, name: c.city_name },
      };
    },
  }),
  implement(c.units.list, { handler: async ({ ctx, query }) => (await units.all(ctx, query)).items }),
  implement(c.units.create, { handler: ({ ctx, body }) => units.create(ctx, body) }),
  implement(c.units.update, { handler: ({ ctx, params, body }) => units.update(ctx, params.id, body) }),
  implement(c.villages.list, { handler: async ({ ctx, query }) => (await villages.all(ctx, query)).items }),
  implement(c.villages.create, { handler: ({ ctx, body }) => villages.create(ctx, body) }),
  implement(c.villages.update, { handler: ({ ctx, params, body }) => villages.update(ctx, params.id, body) }),
];
