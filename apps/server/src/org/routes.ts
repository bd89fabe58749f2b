import { communes, units, villages } from '@cqtt/contract/org';
import { notFound } from '../http/errors.ts';
import { implement } from '../http/route.ts';
import { resolveCommuneId } from './scope.ts';
import * as service from './service.ts';
import * as store from './store.ts';

/** HTTP of the commune and its reference lists: the contract's endpoints bound to the use cases. */
export const orgRoutes = [
  implement(communes.list, {
    handler: async ({ ctx }) =>
      (await store.listCommunes(ctx.db, ctx.actor!)).map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        kind: c.kind,
        cityId: c.city_id,
        unitCount: c.unit_count,
        villageCount: c.village_count,
        userCount: c.user_count,
      })),
  }),
  implement(communes.get, {
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
  implement(units.list, {
    handler: async ({ ctx, query }) => {
      const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
      return (await store.listUnits(ctx.db, communeId)).map(service.unitView);
    },
  }),
  implement(units.create, { handler: ({ ctx, body }) => service.createUnit(ctx, body) }),
  implement(units.update, { handler: ({ ctx, params, body }) => service.updateUnit(ctx, params.id, body) }),
  implement(villages.list, {
    handler: async ({ ctx, query }) => {
      const communeId = await resolveCommuneId(ctx.db, ctx.actor!, query.communeId);
      return (await store.listVillages(ctx.db, communeId)).map(service.villageView);
    },
  }),
  implement(villages.create, { handler: ({ ctx, body }) => service.createVillage(ctx, body) }),
  implement(villages.update, {
    handler: ({ ctx, params, body }) => service.updateVillage(ctx, params.id, body),
  }),
];
