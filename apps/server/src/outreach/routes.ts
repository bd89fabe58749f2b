import * as c from '@cqtt/contract/outreach';
import { maskPersonalData, OUTREACH_KIND_LABELS, vietnamDate } from '@cqtt/domain';
import { readReplica } from '../db/database.ts';
import { implement } from '../http/route.ts';
import { findCommuneByCode } from '../org/store.ts';
import { activities, activitiesXlsx, coverage } from './activities.ts';
import { conductView, conductWordingOf, getConduct, setConduct } from './conduct.ts';
import { examples, examplesXlsx } from './examples.ts';
import { library } from './library.ts';
import { publicActivities } from './store.ts';

/** HTTP of outreach: the contract's endpoints (packages/contract/src/outreach.ts) bound to its use cases. */
export const outreachRoutes = [
  implement(c.activities.list, { handler: ({ ctx, query }) => activities.list(ctx, query) }),
  implement(c.activities.exportXlsx, {
    handler: ({ ctx, query, reply }) => activities.xlsx(ctx, query, reply, activitiesXlsx),
  }),
  implement(c.coverage, {
    handler: ({ ctx, query }) =>
      coverage(ctx, query.communeId, query.year ?? Number(vietnamDate(new Date()).slice(0, 4))),
  }),
  implement(c.activities.create, { handler: ({ ctx, body }) => activities.create(ctx, body) }),
  implement(c.activities.get, { handler: ({ ctx, params }) => activities.get(ctx, params.id) }),
  implement(c.activities.update, {
    handler: ({ ctx, params, body }) => activities.update(ctx, params.id, body),
  }),
  implement(c.activities.remove, { handler: ({ ctx, params }) => activities.remove(ctx, params.id) }),

  implement(c.library.list, { handler: ({ ctx, query }) => library.list(ctx, query) }),
  implement(c.library.create, { handler: ({ ctx, body }) => library.create(ctx, body) }),
  implement(c.library.get, { handler: ({ ctx, params }) => library.get(ctx, params.id) }),
  implement(c.library.update, { handler: ({ ctx, params, body }) => library.update(ctx, params.id, body) }),
  implement(c.library.remove, { handler: ({ ctx, params }) => library.remove(ctx, params.id) }),

  implement(c.examples.list, { handler: ({ ctx, query }) => examples.list(ctx, query) }),
  implement(c.examples.exportXlsx, {
    handler: ({ ctx, query, reply }) => examples.xlsx(ctx, query, reply, examplesXlsx),
  }),
  implement(c.examples.create, { handler: ({ ctx, body }) => examples.create(ctx, body) }),
  implement(c.examples.update, { handler: ({ ctx, params, body }) => examples.update(ctx, params.id, body) }),
  implement(c.examples.remove, { handler: ({ ctx, params }) => examples.remove(ctx, params.id) }),

  implement(c.conduct.get, { handler: ({ ctx, query }) => getConduct(ctx, query.communeId) }),
  implement(c.conduct.update, {
    handler: ({ ctx, body: { communeId, ...wording } }) => setConduct(ctx, communeId, wording),
  }),
  implement(c.conduct.reset, { handler: ({ ctx, query }) => setConduct(ctx, query.communeId, null) }),
  implement(c.conduct.public, {
    handler: async ({ ctx, params }) => {
      const db = readReplica(ctx.db);
      const commune = await findCommuneByCode(db, params.communeCode);
      return conductView(await conductWordingOf(db, commune.id));
    },
  }),
  implement(c.publicOutreach, {
    handler: async ({ ctx, params }) => {
      // citizens read what officials wrote: a standby's lag is harmless (decision 0021)
      const db = readReplica(ctx.db);
      const commune = await findCommuneByCode(db, params.communeCode);
      const [rows, wording] = await Promise.all([
        publicActivities(db, commune.id),
        conductWordingOf(db, commune.id),
      ]);
      const { title, xin, luon, khong } = conductView(wording);
      return {
        slogans: { title, xin, luon, khong },
        activities: rows.map((r) => ({
          id: r.id,
          kindLabel: OUTREACH_KIND_LABELS[r.kind],
          // what the staff made public, masked by the citizens' page rule all the same
          title: maskPersonalData(r.title),
          heldOn: String(r.held_on).slice(0, 10),
          place: maskPersonalData([r.place, r.village].filter(Boolean).join(', ')),
          audience: r.audience,
        })),
      };
    },
  }),
];
